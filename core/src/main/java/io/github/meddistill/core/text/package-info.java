/**
 * Text units with exact character offsets: words (the unit that label schemes tag and that a student's sub-word
 * tokenizer refines), sentences, and abbreviations defined in the text, whose later uses can inherit the label of
 * their definition.
 *
 * <pre>{@code
 * List<Token> tokens = new WordTokenizer().tokenize("Metformin 500mg b.i.d. for HIV/AIDS");
 * // Metformin | 500 | mg | b.i.d. | for | HIV | / | AIDS
 * List<Entity> all = new AbbreviationPropagation().propagate(text, entities);   // adds the uses of "(FAP)"
 * }</pre>
 */
package io.github.meddistill.core.text;
