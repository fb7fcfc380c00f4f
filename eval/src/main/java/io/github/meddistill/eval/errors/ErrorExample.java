package io.github.meddistill.eval.errors;

/**
 * One occurrence of an error, with a little of the note around it. Contains note text (PHI).
 *
 * @param documentId the document
 * @param start start offset of the mention
 * @param end end offset (exclusive)
 * @param text the mention as written
 * @param leftContext up to the configured number of characters before it, line breaks as spaces
 * @param rightContext up to the configured number of characters after it, line breaks as spaces
 * @param cause what the other side has there
 */
public record ErrorExample(String documentId, int start, int end, String text, String leftContext, String rightContext,
                           ErrorCause cause) {
}
