package io.github.meddistill.examples.cli;

import io.github.meddistill.core.pipeline.ProgressEvent;
import io.github.meddistill.core.pipeline.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, redrawn in place. Silent when standard output is not a
 * terminal (scripts, CI, pipes) or when the user asked for {@code --quiet}, so it never mixes into
 * {@code --json} output. Thread-safe.
 */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private long lastDraw;
    private String lastSubject = "";

    private ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar on {@code System.err}, drawn only on an interactive terminal and when not {@code quiet}. */
    static ProgressBar forTerminal(boolean quiet) {
        return new ProgressBar(System.err, !quiet && System.console() != null);
    }

    @Override
    public synchronized void onProgress(ProgressEvent event) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = event.total() > 0 && event.done() >= event.total();
        boolean newSubject = !event.subject().equals(lastSubject);
        if (!finished && !newSubject && now - lastDraw < MIN_REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        lastSubject = event.subject();
        String stage = event.stage().name().toLowerCase(Locale.ROOT);
        if (event.total() > 0) {
            int filled = (int) (WIDTH * Math.min(1.0, (double) event.done() / event.total()));
            out.printf(Locale.ROOT, "\r%-10s %-28.28s [%s%s] %d/%d ", stage, event.subject(), "#".repeat(filled),
                    " ".repeat(WIDTH - filled), event.done(), event.total());
        } else {
            out.printf(Locale.ROOT, "\r%-10s %-28.28s %d ", stage, event.subject(), event.done());
        }
        if (finished) {
            out.println();
        }
        out.flush();
    }
}
