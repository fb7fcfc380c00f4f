/**
 * What a provider plugs into {@link io.github.meddistill.teachers.LlmTeacher}: the provider-neutral
 * {@link io.github.meddistill.teachers.spi.Prompt} it must send and the
 * {@link io.github.meddistill.teachers.spi.ModelAnswer} it must return. Caching, retries, rate limits,
 * usage and cost are done by the base class; a provider maps these values to and from its wire format.
 *
 * <pre>{@code
 * protected HttpRequest chatRequest(Prompt p) { ... }          // our prompt -> provider request
 * protected ModelAnswer parseChatResponse(String body) { ... } // provider response -> our answer
 * }</pre>
 */
package io.github.meddistill.teachers.spi;
