package io.github.meddistill.core.labels;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The built-in label schemes, and lookup by the name stored with a saved model. */
public final class LabelSchemes {

    /** BIO (IOB2). */
    public static final LabelScheme BIO = BioScheme.INSTANCE;

    /** BILOU (also known as BIOES with {@code L}/{@code U} for {@code E}/{@code S}). */
    public static final LabelScheme BILOU = BilouScheme.INSTANCE;

    private static final List<LabelScheme> ALL = List.of(BIO, BILOU);

    private LabelSchemes() {
    }

    /** Every built-in scheme. */
    public static List<LabelScheme> all() {
        return ALL;
    }

    /**
     * The scheme whose {@link LabelScheme#name()} is {@code name}, ignoring case; {@code "IOB2"} is
     * accepted for BIO.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static LabelScheme forName(String name) {
        Objects.requireNonNull(name, "name");
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        if (wanted.equals("IOB2")) {
            return BIO;
        }
        for (LabelScheme scheme : ALL) {
            if (scheme.name().equals(wanted)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown label scheme: name='" + name + "', expected one of BIO, IOB2, BILOU");
    }
}
