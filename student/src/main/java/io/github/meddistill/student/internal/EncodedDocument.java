package io.github.meddistill.student.internal;

import java.util.List;

import io.github.meddistill.core.text.Token;

/**
 * A text prepared for the model: its words, their word pieces, the windows over the pieces and which window
 * predicts each piece.
 *
 * @param text the original text
 * @param words word tokens with character offsets into {@code text}
 * @param subwords word pieces of {@code words}
 * @param firstPieceOfWord index of each word's first piece, or -1 for a word the tokenizer dropped
 * @param windows windows over the pieces
 * @param ownerOfPiece window that predicts each piece
 */
public record EncodedDocument(String text, List<Token> words, SubwordTokenizer.Subwords subwords,
        int[] firstPieceOfWord, List<Windows.Window> windows, int[] ownerOfPiece) {
}
