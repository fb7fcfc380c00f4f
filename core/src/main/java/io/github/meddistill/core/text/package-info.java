/**
 * Word tokenization with exact character offsets, the unit that label schemes tag and that a student's
 * sub-word tokenizer refines.
 *
 * <pre>{@code
 * List<Token> tokens = new WordTokenizer().tokenize("Metformin 500mg b.i.d. for HIV/AIDS");
 * // Metformin | 500 | mg | b.i.d. | for | HIV | / | AIDS
 * }</pre>
 */
package io.github.meddistill.core.text;
