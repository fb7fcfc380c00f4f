package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path folder;

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void should_not_show_the_file_under_its_name_when_it_is_still_being_written() throws Exception {
        // given
        Path file = folder.resolve("labels/doid.jsonl");
        boolean[] visibleWhileWriting = {true};

        // when
        AtomicFiles.write(file, out -> {
            out.write("{\"id\":\"n1\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            visibleWhileWriting[0] = Files.exists(file);
            out.close();
        });

        // then
        assertThat(visibleWhileWriting[0]).isFalse();
        assertThat(file).hasContent("{\"id\":\"n1\"}");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void should_keep_the_previous_file_and_no_temporary_one_when_writing_fails() throws Exception {
        // given
        Path file = folder.resolve("report.md");
        Files.writeString(file, "old report");

        // when
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half a new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        // then
        assertThat(file).hasContent("old report");
        assertThat(files()).containsExactly(file);
    }

    @Test
    void should_leave_no_file_when_the_documents_fail_midway_through_a_jsonl_write() throws Exception {
        // given: the third document cannot be produced (a teacher fails, the process is stopped)
        Path file = folder.resolve("hpo.jsonl");
        Iterable<Annotation> failing = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Annotation next() {
                if (next == 2) {
                    throw new IllegalStateException("stopped after two documents");
                }
                next++;
                return new Annotation(new Document("n" + next, "fever"), List.of(), "hpo");
            }
        };

        // when
        assertThatThrownBy(() -> JsonlWriter.write(file, failing)).hasMessage("stopped after two documents");

        // then
        assertThat(files()).isEmpty();
    }

    @Test
    void should_remove_only_the_temporary_siblings_of_the_target_when_asked() throws Exception {
        // given: what writes of out.jsonl killed midway leave, and names that only look alike
        Path target = folder.resolve("out.jsonl");
        Files.writeString(AtomicFiles.temporarySibling(target), "half");
        Files.createDirectories(AtomicFiles.temporarySibling(target).resolve("inner"));
        Files.writeString(AtomicFiles.temporarySibling(folder.resolve("other.jsonl")), "someone else's");
        Files.writeString(folder.resolve(".out.jsonl.notes.partial"), "not ours");
        Files.writeString(target, "whole");

        // when
        int removed = AtomicFiles.removeTemporarySiblings(target);

        // then
        assertThat(removed).isEqualTo(2);
        assertThat(files()).extracting(p -> p.getFileName().toString()).hasSize(3)
                .contains("out.jsonl", ".out.jsonl.notes.partial").anyMatch(name -> name.startsWith(".other.jsonl."));
    }

    @Test
    void should_replace_the_previous_file_in_one_step_when_a_write_completes() throws Exception {
        Path file = folder.resolve("out.jsonl");
        Files.writeString(file, "old");

        JsonlWriter.write(file, List.of(new Annotation(new Document("n1", "fever"), List.of(), "gold")));

        assertThat(Files.readString(file)).startsWith("{\"id\":\"n1\"");
        assertThat(files()).containsExactly(file);
    }
}
