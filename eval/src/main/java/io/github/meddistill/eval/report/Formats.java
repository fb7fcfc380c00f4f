package io.github.meddistill.eval.report;

import io.github.meddistill.eval.ConfidenceInterval;
import java.util.Locale;
import java.util.OptionalDouble;

/** Number formatting shared by the Markdown and HTML renderers: fixed decimals, root locale. */
final class Formats {

    private Formats() {
    }

    static String score(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String interval(ConfidenceInterval ci) {
        return "[" + score(ci.lower()) + ", " + score(ci.upper()) + "]";
    }

    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String optional(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "n/a";
    }

    static String times(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) + "x" : "n/a";
    }

    static String pValue(double value) {
        return value < 0.001 ? String.format(Locale.ROOT, "%.1e", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
