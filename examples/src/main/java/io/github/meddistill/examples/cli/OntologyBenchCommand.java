package io.github.meddistill.examples.cli;

import io.github.meddistill.examples.ontology.OntologyBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill bench ontology --data DIR [--json]}: loads the four open lexicons of a data folder
 * laid out like {@code ../shared/data} into one dictionary matcher and measures it on the MTSamples
 * notes against a naive per-term scan (see {@link OntologyBenchmark}). Prints a table; with
 * {@code --json}, one JSON object on the last line with {@code terms}, {@code loadSeconds},
 * {@code bytesPerTerm}, {@code matchMBpsOneThread}, {@code matchMBpsAllThreads}, {@code naiveMBps}.
 */
@Command(name = "ontology", mixinStandardHelpOptions = true,
        description = "Dictionary matcher speed: four open lexicons on MTSamples, against a naive indexOf scan.")
public final class OntologyBenchCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data folder laid out like ../shared/data (lexicons/, mtsamples/).")
    Path data;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "Measure each speed over whole passes for at least S seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(data.resolve("lexicons")) || !Files.isDirectory(data.resolve("mtsamples"))) {
            spec.commandLine().getErr().println("--data " + data + ": expected a folder with lexicons/ and mtsamples/"
                    + " as in ../shared/data");
            return 2;
        }
        if (!(seconds > 0)) {
            spec.commandLine().getErr().println("--seconds must be positive: " + seconds);
            return 2;
        }
        OntologyBenchmark.Result result = OntologyBenchmark.run(data, Duration.ofMillis((long) (seconds * 1000)), out);
        out.print(result.toTable());
        if (json) {
            out.println(result.toJson());
        }
        out.flush();
        return 0;
    }
}
