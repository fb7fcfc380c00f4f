package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.examples.testing.LoopbackOpenAiServer;
import io.github.meddistill.student.BertStudent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meddistill distill} killed with SIGKILL ({@link Process#destroyForcibly()}) in a child JVM, twice: once while
 * a slow LLM teacher labels the notes (after its first journal batch), once inside the distilled student's training
 * (after its first of two epochs), then run again to the end. The rerun must reuse the labels journalled before each
 * kill (never ask the model again for a journalled note), retrain the student whose training was cut, leave no half
 * file under a final name at any point, and end with the same F1 table and student predictions as a run that was never
 * interrupted. Resume granularity: teacher labels per journal batch (32 notes), students per finished student; a
 * student killed mid-training starts again from its first epoch.
 */
class DistillKillResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LLM = "llama3.1";
    private static final int NOTES = 96;
    private static final int JOURNAL_BATCH = 32;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern NOTE_IN_PROMPT = Pattern.compile("Patient ([a-z]\\d+):");

    @TempDir
    Path dir;

    @Test
    void should_resume_to_the_clean_runs_report_when_killed_while_labelling_and_while_training() throws Exception {
        // given: 96 notes, a model that takes 40 ms a note, one request at a time, and the run never interrupted
        DistillFixtures.write(dir);
        DistillFixtures.write(dir, "notes.jsonl", DistillFixtures.notes("n", NOTES, 0));
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.answering(
                "{\"entities\":[{\"text\":\"Patient\",\"type\":\"DISEASE\"}]}", Duration.ofMillis(40))) {
            Path clean = dir.resolve("out-clean");
            CommandLineRun cleanRun = CommandLineRun.of(args(server, clean).toArray(String[]::new));
            assertThat(cleanRun.exitCode()).as(cleanRun.err()).isZero();
            Set<String> askedInCleanRun = notesAsked(server.requestBodies());
            Path out = dir.resolve("out");
            Path journal = out.resolve("distill/labels/" + LLM + "/train.jsonl");

            // when: killed once the LLM teacher's first batch of labels is in its journal
            Process labelling = start(server, out, dir.resolve("labelling.log"));
            waitFor(() -> completeLines(journal) >= JOURNAL_BATCH, labelling, "the first journal batch of " + LLM);
            kill(labelling);

            // then: part of the notes are journalled, and nothing is half written
            List<String> journalledBeforeFirstKill = completeLineList(journal);
            assertThat(journalledBeforeFirstKill).hasSizeBetween(JOURNAL_BATCH, NOTES - 1);
            assertNothingHalfWritten(out);

            // when: run again, and killed after the distilled student's first epoch
            int answeredBefore = server.requestBodies().size();
            Path trainingLog = dir.resolve("training.log");
            CountDownLatch firstEpoch = new CountDownLatch(1);
            Process training = start(server, out, trainingLog, "epoch 1/2", firstEpoch);
            assertThat(firstEpoch.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the student's first epoch in %s", trainingLog).isTrue();
            kill(training);

            // then: the labels were completed by appending, the model was asked about exactly the notes not
            // journalled (the killed run's requests still in the server's queue are among them), and the student
            // was cut before it was saved
            assertThat(completeLineList(journal)).hasSize(NOTES).startsWith(journalledBeforeFirstKill.toArray(String[]::new));
            Set<String> notYetJournalled = new TreeSet<>(askedInCleanRun);
            notYetJournalled.removeAll(journalledIds(journalledBeforeFirstKill));
            List<String> bodies = server.requestBodies();
            assertThat(notesAsked(bodies.subList(answeredBefore, bodies.size()))).isEqualTo(notYetJournalled);
            assertThat(out.resolve("distill/students/student")).doesNotExist();
            assertNothingHalfWritten(out);
            List<String> labelsBeforeLastRun = allLabels(out);

            // when: run again to the end, in this JVM
            int requestsBeforeLast = server.requests();
            CommandLineRun resumed = CommandLineRun.of(args(server, out).toArray(String[]::new));

            // then: no label recomputed, the same table and the same student predictions as the clean run
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(server.requests()).isEqualTo(requestsBeforeLast);
            assertThat(allLabels(out)).isEqualTo(labelsBeforeLastRun);
            assertThat(JSON.readTree(resumed.lastLine()).get("tasks").findValues("strictF1"))
                    .isEqualTo(JSON.readTree(cleanRun.lastLine()).get("tasks").findValues("strictF1"));
            for (String system : List.of("student", "gold-student", "combination", LLM)) {
                assertThat(out.resolve("distill/predictions/" + system + ".jsonl")).as(system)
                        .hasSameTextualContentAs(clean.resolve("distill/predictions/" + system + ".jsonl"));
            }
            assertThat(Files.readString(out.resolve("distill/combination.txt")))
                    .isEqualTo(Files.readString(clean.resolve("distill/combination.txt")));
            assertNothingHalfWritten(out);
            try (Stream<Path> files = Files.walk(out)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
            }
        }
    }

    /** The ids of the notes the requests asked about (each prompt holds its note's text, "Patient ID: ..."). */
    private static Set<String> notesAsked(List<String> requestBodies) {
        Set<String> ids = new TreeSet<>();
        for (String body : requestBodies) {
            Matcher note = NOTE_IN_PROMPT.matcher(body);
            assertThat(note.find()).as("a note in %s", body).isTrue();
            ids.add(note.group(1));
        }
        return ids;
    }

    private static Set<String> journalledIds(List<String> journalLines) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : journalLines) {
            ids.add(JSON.readTree(line).path("id").asText());
        }
        return ids;
    }

    private List<String> args(LoopbackOpenAiServer server, Path out) {
        return List.of("distill", dir.resolve("notes.jsonl").toString(),
                "--dev", dir.resolve("dev.jsonl").toString(), "--test", dir.resolve("test.jsonl").toString(),
                "--gold-train", dir.resolve("gold-train.jsonl").toString(),
                "-t", "doid=" + dir.resolve("doid.obo"), "-t", "drugbank=" + dir.resolve("drugbank.csv"),
                "-t", "patterns", "-t", "openai=" + LLM, "--openai-base-url", server.baseUrl(),
                "--types", "DISEASE,MEDICATION", "--encoder", dir.resolve("tiny-encoder").toString(),
                "--epochs", "2", "--min-steps", "0", "--batch-size", "8", "--out", out.toString(), "--json", "--quiet");
    }

    private Process start(LoopbackOpenAiServer server, Path out, Path log) throws IOException {
        return start(server, out, log, null, new CountDownLatch(1));
    }

    /**
     * {@code meddistill distill} in a child JVM on this test's class path; its standard error goes to {@code log}
     * and {@code seen} counts down when a line contains {@code marker}.
     */
    private Process start(LoopbackOpenAiServer server, Path out, Path log, String marker, CountDownLatch seen)
            throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dai.djl.offline=true", "-Dmeddistill.strictNumerics=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", MedDistillCommand.class.getName()));
        command.addAll(args(server, out));
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve(log.getFileName() + ".out").toFile())
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    if (marker != null && line.contains(marker)) {
                        seen.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "child stderr");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static void waitFor(BooleanSupplier condition, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("the run ended (exit %s) before %s", process.isAlive() ? "-"
                    : process.exitValue(), what).isTrue();
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** SIGKILL on Linux: no shutdown hook, no finally block runs. */
    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed, not finished").isEqualTo(137);
    }

    private static int completeLines(Path file) {
        try {
            return Files.exists(file) ? completeLineList(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The lines that end in a newline (a journal's torn last line is not one). */
    private static List<String> completeLineList(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String complete = content.substring(0, content.lastIndexOf('\n') + 1);
        return complete.isEmpty() ? List.of() : List.of(complete.split("\n"));
    }

    /** Every label journal's lines, by file. */
    private static List<String> allLabels(Path out) throws IOException {
        List<String> labels = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("distill/labels"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                labels.add(out.relativize(file) + ":\n" + Files.readString(file));
            }
        }
        return labels;
    }

    /**
     * Every file under a final (not hidden) name is whole: JSON files and JSONL lines parse (a journal may end in a
     * torn line, which the next run cuts off), and every saved student folder passes its checksums.
     */
    private static void assertNothingHalfWritten(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).filter(p -> noHiddenPart(out, p)).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (file.startsWith(out.resolve("llm-cache"))) {
                continue; // the answer cache's own journal: checksummed lines, a torn one skipped on open
            }
            if (name.endsWith(".json")) {
                assertThat(JSON.readTree(file.toFile())).as(file.toString()).isNotNull();
            } else if (name.endsWith(".jsonl")) {
                boolean journal = file.startsWith(out.resolve("distill/labels"));
                for (String line : journal ? completeLineList(file) : Files.readAllLines(file)) {
                    assertThat(JSON.readTree(line)).as(file.toString()).isNotNull();
                }
            } else if (name.equals("model.safetensors")) {
                try (BertStudent student = BertStudent.load(file.getParent())) { // verifies SHA256SUMS
                    assertThat(student).isNotNull();
                }
            }
        }
    }

    private static boolean noHiddenPart(Path out, Path file) {
        for (Path part : out.relativize(file)) {
            if (part.toString().startsWith(".") && !part.toString().equals(".complete")
                    && !part.toString().equals(".configuration")) {
                return false;
            }
        }
        return true;
    }
}
