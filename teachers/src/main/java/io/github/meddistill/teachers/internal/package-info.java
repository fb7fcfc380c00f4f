/**
 * Internals of the LLM teachers: the answer cache journal, retry loop, rate limiter, HTTP status
 * mapping, chunking, mention alignment and JSON helpers. Not a published API: may change at any time.
 */
package io.github.meddistill.teachers.internal;
