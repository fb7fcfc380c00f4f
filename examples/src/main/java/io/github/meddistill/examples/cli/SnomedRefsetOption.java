package io.github.meddistill.examples.cli;

import io.github.meddistill.ontology.loaders.SnomedRf2Loader;
import java.util.Locale;
import java.util.Optional;

/**
 * The language refset of {@code snomed=PATH} teachers, from {@code --snomed-language-refset}: {@code us} (the
 * default), {@code gb}, {@code none} (every active synonym, no refset) or the id of an edition's own refset.
 *
 * @param refsetId the refset whose acceptable synonyms are kept; empty for none
 */
record SnomedRefsetOption(Optional<String> refsetId) {

    static final String HELP = "us (default), gb, none, or a language refset id";

    static SnomedRefsetOption parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "us" -> new SnomedRefsetOption(Optional.of(SnomedRf2Loader.US_ENGLISH_REFSET));
            case "gb" -> new SnomedRefsetOption(Optional.of(SnomedRf2Loader.GB_ENGLISH_REFSET));
            case "none" -> new SnomedRefsetOption(Optional.empty());
            default -> {
                if (!value.matches("[0-9]{6,18}")) {
                    throw new IllegalArgumentException("--snomed-language-refset '" + text + "': expected " + HELP
                            + " (e.g. " + SnomedRf2Loader.GB_ENGLISH_REFSET + ")");
                }
                yield new SnomedRefsetOption(Optional.of(value));
            }
        };
    }

    /** The loader for this choice. */
    SnomedRf2Loader loader() {
        SnomedRf2Loader.Builder builder = SnomedRf2Loader.builder();
        refsetId.ifPresentOrElse(builder::languageRefset, () -> builder.useLanguageRefset(false));
        return builder.build();
    }
}
