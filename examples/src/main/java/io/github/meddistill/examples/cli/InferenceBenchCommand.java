package io.github.meddistill.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.meddistill.examples.demo.BundledData;
import io.github.meddistill.examples.student.InferenceBenchmark;
import io.github.meddistill.examples.student.OnnxProfile;
import io.github.meddistill.student.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill bench inference --student DIR [--bc5cdr-student DIR] [--json]}: notes/s of a saved student on
 * each engine, one note per call and all notes in one call, fp32 and int8, on NCBI-disease test abstracts and
 * MTSamples notes, against a 1024² fp32 matmul roofline measured before and after every timed run (see {@link
 * InferenceBenchmark}). With {@code --json}, one JSON object on the last line with {@code systems[]}, each with
 * {@code name}, {@code engine}, {@code mode} ({@code one-note-per-call} or {@code batched}), {@code precision}
 * ({@code fp32} or {@code int8}), {@code corpus}, {@code notesPerSecond}, {@code rooflineFraction}, and for int8
 * rows {@code speedupOverFp32} and {@code f1Delta} (the larger strict F1 loss of NCBI-disease and BC5CDR test), and
 * {@code quality[]} with the strict F1 of each test set.
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
        description = "Student inference notes/s per engine, call mode and precision against the matmul roofline.")
public final class InferenceBenchCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Data folder with mtsamples/mtsamples_subset.csv (default ../shared/data).")
    Path data;

    @Option(names = "--student", required = true, paramLabel = "DIR",
            description = "A saved student (BertStudent.save or meddistill train), best one trained on NCBI-disease.")
    Path student;

    @Option(names = "--bc5cdr-student", paramLabel = "DIR",
            description = "A saved BC5CDR student, for the int8 F1 change on BC5CDR test (optional).")
    Path bc5cdrStudent;

    @Option(names = "--notes", defaultValue = "100", description = "Notes per corpus (default 100).")
    int notes;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per system and corpus (default 3).")
    int runs;

    @Option(names = "--int8", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure int8 on ONNX Runtime (default; --no-int8 to skip).")
    boolean int8;

    @Option(names = "--embedding", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure load-to-first-entity, RSS and latency at 1/2/4 callers in an inference-only"
                    + " JVM (default; --no-embedding to skip).")
    boolean embedding;

    @Option(names = "--profile", description = "Also profile ONNX Runtime (fp32 and int8, one note per call on the"
            + " NCBI-disease notes): each operator type's share of the time.")
    boolean profile;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(data.resolve("mtsamples/mtsamples_subset.csv"))) {
            spec.commandLine().getErr().println("--data " + data + ": expected mtsamples/mtsamples_subset.csv as in"
                    + " ../shared/data");
            return 2;
        }
        if (notes < 1 || runs < 1) {
            spec.commandLine().getErr().println("--notes and --runs must be positive, but were " + notes + " and "
                    + runs);
            return 2;
        }
        InferenceBenchmark.Result result = InferenceBenchmark.run(new InferenceBenchmark.Options(data, student,
                bc5cdrStudent, notes, runs, int8, embedding), out);
        out.print(result.toTable());
        List<OnnxProfile.Result> profiles = new ArrayList<>();
        if (profile) {
            List<String> notesToProfile = BundledData.corpus("ncbi-disease", "test", data).stream()
                    .map(a -> a.document().text()).limit(notes).toList();
            for (Precision precision : int8 ? List.of(Precision.FP32, Precision.INT8) : List.of(Precision.FP32)) {
                OnnxProfile.Result profiled = OnnxProfile.of(student, precision, notesToProfile);
                out.print(profiled.toTable());
                profiles.add(profiled);
            }
        }
        if (json) {
            out.println(profiles.isEmpty() ? result.toJson() : result.toJson(profiles));
        }
        out.flush();
        return 0;
    }
}
