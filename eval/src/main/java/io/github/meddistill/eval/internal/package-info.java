/** Implementation details of {@code meddistill-eval}: not a published API, may change without notice. */
package io.github.meddistill.eval.internal;
