/** Test fixtures shared by the examples' tests. */
package io.github.meddistill.examples.testing;
