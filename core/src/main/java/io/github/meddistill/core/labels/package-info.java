/**
 * Label schemes: codecs between entity spans and one tag per word token, used to train and decode a
 * token-classification student. {@link io.github.meddistill.core.labels.BioScheme} and
 * {@link io.github.meddistill.core.labels.BilouScheme} document their validity and repair rules.
 *
 * <pre>{@code
 * LabelScheme scheme = LabelSchemes.forName("BIO");
 * List<String> tags = scheme.encode(annotation.entities(), tokenizer.tokenize(text));
 * List<Entity> back = scheme.decode(tags, tokens, text);
 * }</pre>
 */
package io.github.meddistill.core.labels;
