package io.github.meddistill.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code meddistill} command: {@code java -jar examples/target/meddistill.jar <subcommand>}.
 * Each subcommand lives in its own class and prints, with {@code --json}, one JSON object on the
 * last line of stdout.
 */
@Command(name = "meddistill", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Distil LLM and ontology annotations of clinical text into small, fast NER models.",
        subcommands = {
                DemoCommand.class,
                LabelCommand.class,
                TrainCommand.class,
                ExtractCommand.class,
                EvalCommand.class,
                BenchCommand.class,
        })
public final class MedDistillCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int execute(String... args) {
        return new CommandLine(new MedDistillCommand()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
