package io.github.meddistill.examples.cli;

import java.util.List;
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
                DistillCommand.class,
                SampleCommand.class,
                ImportCommand.class,
                LabelCommand.class,
                TrainCommand.class,
                ExtractCommand.class,
                EvalCommand.class,
                BenchCommand.class,
        })
public final class MedDistillCommand implements Runnable {

    /** Exit code for bad input: wrong arguments, unreadable or malformed files, unusable output locations. */
    static final int BAD_INPUT = 2;

    /** Exit code for a run that failed by itself: a server that kept failing, output that could not be written. */
    static final int RUN_FAILED = 1;

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
     * The command line with its error handling: a failure prints its message and the chain of causes (no stack
     * trace; set {@code -Dmeddistill.stacktrace=true} for one), with {@code --json} also a JSON error object as the
     * last line of standard output, and exits as {@link Failure} says: {@value #BAD_INPUT} for bad input,
     * {@value #RUN_FAILED} otherwise.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MedDistillCommand());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (Boolean.getBoolean("meddistill.stacktrace")) {
                exception.printStackTrace(failed.getErr());
            }
            Failure failure = Failure.of(exception);
            failure.print(failed.getCommandName(), failed.getErr());
            if (failed.getParseResult().hasMatchedOption("--json")) {
                failed.getOut().println(failure.json());
                failed.getOut().flush();
            }
            return failure.exitCode();
        });
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((exception, args) -> {
            int exitCode = usage.handleParseException(exception, args);
            if (List.of(args).contains("--json")) {
                exception.getCommandLine().getOut().println(Failure.of(exception).json());
                exception.getCommandLine().getOut().flush();
            }
            return exitCode;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
