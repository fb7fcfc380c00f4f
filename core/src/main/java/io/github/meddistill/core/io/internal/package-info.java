/**
 * Plumbing shared by the corpus readers and writers: strict UTF-8 line reading with exact line
 * numbers, code-point offset conversion, report collection. Not a published API: it may change in
 * any release.
 */
package io.github.meddistill.core.io.internal;
