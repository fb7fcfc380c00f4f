package io.github.meddistill.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code meddistill bench <what>}: benchmarks that print a table and, with {@code --json}, a JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints a table and, with --json, one JSON object on the last line.",
        subcommands = {
                OntologyBenchCommand.class,
                TeachersBenchCommand.class,
                StudentBenchCommand.class,
                StudentQualityBenchCommand.class,
                InferenceBenchCommand.class,
                SparkBenchCommand.class,
                ContextBenchCommand.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
