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

    /** Exit code for bad input: wrong arguments, unreadable or malformed files. */
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with its error handling: a failure prints its message and the chain of causes
     * (no stack trace; set {@code -Dmeddistill.stacktrace=true} for one) and exits with
     * {@value #BAD_INPUT} for bad input, 1 otherwise.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MedDistillCommand());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (Boolean.getBoolean("meddistill.stacktrace")) {
                exception.printStackTrace(failed.getErr());
            }
            failed.getErr().println("meddistill " + failed.getCommandName() + ": " + exception.getMessage());
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                failed.getErr().println("  caused by: " + cause.getMessage());
            }
            return isBadInput(exception) ? BAD_INPUT : 1;
        });
        return commandLine;
    }

    private static boolean isBadInput(Exception exception) {
        return exception instanceof IllegalArgumentException
                || exception instanceof io.github.meddistill.core.NonRetriableException
                || exception instanceof java.io.UncheckedIOException
                || exception instanceof java.io.IOException;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
