/**
 * Corpus formats: streaming readers and writers for MedDistill JSONL, brat standoff, CoNLL/IOB and
 * PubTator. Readers return one {@link io.github.meddistill.core.Annotation} per document through an
 * {@link io.github.meddistill.core.io.AnnotationReader}, fail on malformed input with a
 * {@link io.github.meddistill.core.io.CorpusFormatException} naming file, line, field, expected and
 * actual value, and count everything they handle deliberately (skipped relations, discontinuous or
 * overlapping spans, repaired tags) in a {@link io.github.meddistill.core.io.ReadReport}. Every reader
 * decodes strict UTF-8 (a byte-order mark is dropped, CRLF accepted, invalid bytes fail) and gunzips
 * gzip-compressed files; the writers' {@code write(Path, ...)} compress names ending in {@code .gz} and
 * let a file appear only when it is complete ({@link io.github.meddistill.core.io.AtomicFiles}).
 *
 * <p>{@link io.github.meddistill.core.io.Corpora#read(java.nio.file.Path)} reads any of them, telling the format from
 * the name or the content ({@link io.github.meddistill.core.io.CorpusFormat}).
 *
 * <pre>{@code
 * List<Annotation> train = Corpora.read(Path.of("NCBItrainset_corpus.txt"));
 * ReadResult ncbi = PubTatorReader.builder().build().read(Path.of("NCBItrainset_corpus.txt"));
 * Corpus train = ncbi.toCorpus("ncbi-train");
 * JsonlWriter.write(Path.of("train.jsonl"), train.annotations());
 * }</pre>
 */
package io.github.meddistill.core.io;
