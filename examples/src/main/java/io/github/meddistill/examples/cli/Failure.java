package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * How a failed command ends: its exit code, its message and the causes behind it, printed on standard error and,
 * with {@code --json}, as one JSON object {@code {"error":{"exitCode":2,"message":"...","causes":[...]}}} on the last
 * line of standard output.
 *
 * <p>Exit code {@value MedDistillCommand#BAD_INPUT} is bad input: wrong arguments, an input file that is missing or
 * malformed, an output location that cannot be written, a server that cannot be reached or refuses the key.
 * {@value MedDistillCommand#RUN_FAILED} is a failure of the run itself: a server that kept failing after its
 * retries, an output that could not be written after the checks, a bug. The first exception in the chain that
 * says which decides; a wrapper such as a teacher's "3 of 10 notes failed" defers to its cause.
 *
 * @param exitCode {@value MedDistillCommand#BAD_INPUT} or {@value MedDistillCommand#RUN_FAILED}
 * @param message what failed, with file, line and field where the input is at fault
 * @param causes the messages of the causes that add something to the message (class names where they have none)
 */
record Failure(int exitCode, String message, List<String> causes) {

    Failure {
        causes = List.copyOf(causes);
    }

    static Failure of(Throwable exception) {
        String message = text(exception);
        List<String> causes = new ArrayList<>();
        StringBuilder shown = new StringBuilder(message);
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            String text = text(cause);
            if (shown.indexOf(text) < 0) {
                causes.add(text);
                shown.append('\n').append(text);
            }
        }
        return new Failure(exitCode(exception), message, causes);
    }

    private static int exitCode(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RunFailedException || cause instanceof RetriableException) {
                return MedDistillCommand.RUN_FAILED;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NonRetriableException
                    || cause instanceof CommandLine.ParameterException) {
                return MedDistillCommand.BAD_INPUT;
            }
            if (!(cause instanceof MedDistillException)) {
                return MedDistillCommand.RUN_FAILED;
            }
        }
        return MedDistillCommand.RUN_FAILED;
    }

    private static String text(Throwable exception) {
        return exception.getMessage() != null ? exception.getMessage() : exception.getClass().getName();
    }

    /** Prints {@code meddistill <command>: <message>} and one {@code caused by:} line per cause. */
    void print(String command, PrintWriter err) {
        err.println("meddistill " + command + ": " + message);
        causes.forEach(cause -> err.println("  caused by: " + cause));
        err.flush();
    }

    /** The JSON error object, on one line. */
    String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("exitCode", exitCode);
        error.put("message", message);
        causes.forEach(error.putArray("causes")::add);
        return root.toString();
    }
}
