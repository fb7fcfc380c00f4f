package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.io.internal.Gzip;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.Tokenizer;
import io.github.meddistill.core.text.WordTokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes CoNLL / IOB: {@code token<TAB>tag} lines, a blank line between sentences, and (by default)
 * a {@code -DOCSTART-<TAB>id} line before each document, so that {@link ConllReader} restores the
 * ids. Documents are split into tokens by the {@linkplain Builder#tokenizer tokenizer} and into
 * sentences at line breaks of the text. Configured writers are immutable; each {@link #open} returns
 * a single-threaded {@link AnnotationWriter}.
 *
 * <p>The format is lossy and says so: an entity whose boundary falls inside a token is widened to the
 * token, overlapping entities keep only the longest (see {@link LabelScheme#encode}), and an entity
 * that crosses a line break is cut into one per sentence; all of these are counted in
 * {@link WriteReport#entitiesChanged()}. Tokens must not contain whitespace (a custom tokenizer that
 * returns such a token gets an {@link IllegalArgumentException}).
 */
public final class ConllWriter {

    private final Tokenizer tokenizer;
    private final LabelScheme scheme;
    private final boolean documentMarkers;

    private ConllWriter(Builder builder) {
        this.tokenizer = builder.tokenizer;
        this.scheme = builder.scheme;
        this.documentMarkers = builder.documentMarkers;
    }

    /** Defaults: {@link WordTokenizer}, {@link LabelSchemes#BIO}, document markers on. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes all annotations to {@code file} through {@link AtomicFiles}: it appears (or replaces the previous one)
     * only once complete; gzip-compressed when the name ends in {@code .gz}.
     *
     * @throws CorpusIoException if it cannot be written; {@code file} is then unchanged
     */
    public WriteReport write(Path file, Iterable<Annotation> annotations) {
        WriteReport[] written = new WriteReport[1];
        try {
            AtomicFiles.write(file, out -> {
                try (AnnotationWriter writer = open(Gzip.compressIfNamed(out, file), file.toString())) {
                    writer.writeAll(annotations);
                    written[0] = writer.report();
                }
            });
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot write " + file, e);
        }
        return written[0];
    }

    /**
     * Creates or truncates {@code file} and writes into it as documents come (gzip-compressed when the name ends in
     * {@code .gz}); use {@link #write(Path, Iterable)} for a file that must appear only when complete.
     */
    public AnnotationWriter open(Path file) {
        try {
            return open(Gzip.compressIfNamed(Files.newOutputStream(file), file), file.toString());
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot create " + file, e);
        }
    }

    /** Writes UTF-8 to {@code output}, named {@code targetName} in errors and reports; closes it on close. */
    public AnnotationWriter open(OutputStream output, String targetName) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(Objects.requireNonNull(output, "output"),
                StandardCharsets.UTF_8));
        return new Output(writer, targetName);
    }

    private final class Output implements AnnotationWriter {

        private final Writer writer;
        private final String target;
        private long documents;
        private long entities;
        private long changed;

        Output(Writer writer, String target) {
            this.writer = writer;
            this.target = target;
        }

        @Override
        public void write(Annotation annotation) {
            String text = annotation.document().text();
            List<Token> tokens = tokenizer.tokenize(text);
            List<String> tags = scheme.encode(annotation.entities(), tokens);
            Set<Entity> written = new HashSet<>();
            try {
                if (documentMarkers) {
                    String id = annotation.documentId();
                    boolean idFits = id.codePoints().noneMatch(Character::isWhitespace);
                    writer.write(idFits ? ConllReader.DOCSTART + "\t" + id + "\n\n" : ConllReader.DOCSTART + "\n\n");
                }
                int sentenceStart = 0;
                for (int i = 0; i <= tokens.size(); i++) {
                    boolean sentenceEnds = i == tokens.size() || i > sentenceStart
                            && containsLineBreak(text, tokens.get(i - 1).end(), tokens.get(i).start());
                    if (sentenceEnds && i > sentenceStart) {
                        List<Token> sentence = tokens.subList(sentenceStart, i);
                        List<String> sentenceTags = tags.subList(sentenceStart, i);
                        written.addAll(scheme.decode(sentenceTags, sentence, text));
                        for (int t = 0; t < sentence.size(); t++) {
                            String token = sentence.get(t).text();
                            if (token.codePoints().anyMatch(Character::isWhitespace)) {
                                throw new IllegalArgumentException("tokenizer returned a token with whitespace, which"
                                        + " CoNLL cannot hold: document " + annotation.documentId() + ", token at ["
                                        + sentence.get(t).start() + ", " + sentence.get(t).end() + ")");
                            }
                            writer.write(token);
                            writer.write('\t');
                            writer.write(sentenceTags.get(t));
                            writer.write('\n');
                        }
                        writer.write('\n');
                        sentenceStart = i;
                    }
                }
            } catch (IOException e) {
                throw new CorpusIoException(target, "cannot write document " + annotation.documentId() + " to " + target, e);
            }
            long kept = annotation.entities().stream().filter(written::contains).count();
            documents++;
            entities += kept;
            changed += annotation.entities().size() - kept;
        }

        @Override
        public WriteReport report() {
            return new WriteReport(target, documents, entities, changed);
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new CorpusIoException(target, "cannot close " + target, e);
            }
        }
    }

    private static boolean containsLineBreak(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return true;
            }
        }
        return false;
    }

    /** Options of a {@link ConllWriter}. Not thread-safe. */
    public static final class Builder {

        private Tokenizer tokenizer = new WordTokenizer();
        private LabelScheme scheme = LabelSchemes.BIO;
        private boolean documentMarkers = true;

        private Builder() {
        }

        /** Splits documents into the tokens written, one per line; default {@link WordTokenizer}. */
        public Builder tokenizer(Tokenizer tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return this;
        }

        /** Default {@link LabelSchemes#BIO}. */
        public Builder scheme(LabelScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** Whether to write a {@code -DOCSTART-} line before each document; default true. */
        public Builder documentMarkers(boolean documentMarkers) {
            this.documentMarkers = documentMarkers;
            return this;
        }

        public ConllWriter build() {
            return new ConllWriter(this);
        }
    }
}
