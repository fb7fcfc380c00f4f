/**
 * Internals of meddistill-spark: partition functions, the per-JVM holders of students and teachers, the driver's
 * request budget server and its executor client. Not a published API: it may change in any release.
 */
package io.github.meddistill.spark.internal;
