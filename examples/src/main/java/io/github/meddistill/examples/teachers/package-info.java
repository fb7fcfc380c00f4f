/** Example teachers that show how to extend MedDistill with your own labelling rules. */
package io.github.meddistill.examples.teachers;
