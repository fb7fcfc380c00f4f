package io.github.meddistill.ontology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Adds the base name of drug salts: for a term such as {@code "METFORMIN HYDROCHLORIDE"} or
 * {@code "lithium carbonate"}, a term {@code "METFORMIN"} / {@code "lithium"} for the same concept,
 * since notes and papers mostly name the active moiety. Product tables (Drugs@FDA) list ingredients
 * only as salts. Stateless and thread-safe.
 *
 * <pre>{@code
 * List<Term> drugs = SaltForms.withBaseNames(DelimitedLexiconLoader.drugsAtFdaProducts().load(products));
 * }</pre>
 */
public final class SaltForms {

    /** Salt, ester and counter-ion words that end a salt's name. */
    public static final Set<String> SALT_WORDS = Set.of("acetate", "besylate", "bitartrate", "bromide",
            "calcium", "carbonate", "chloride", "citrate", "dihydrochloride", "dipropionate", "disodium",
            "fumarate", "gluconate", "hcl", "hyclate", "hydrobromide", "hydrochloride", "lactate", "magnesium",
            "maleate", "mesylate", "monohydrate", "nitrate", "phosphate", "potassium", "propionate", "sodium",
            "succinate", "sulfate", "tartrate", "tosylate", "trihydrate");

    private SaltForms() {
    }

    /**
     * {@code terms} followed by the base names of the salts among them (same concept, preferred name,
     * type, source, cross-references and parents), without duplicates; a base name of fewer than 4 characters is
     * not added.
     */
    public static List<Term> withBaseNames(List<Term> terms) {
        Set<Term> out = new LinkedHashSet<>(terms);
        List<Term> bases = new ArrayList<>();
        for (Term term : terms) {
            String base = baseName(term.text());
            if (base != null) {
                bases.add(new Term(base, term.conceptId(), term.preferredName(), term.type(), term.source(),
                        term.xrefs(), term.parents()));
            }
        }
        out.addAll(bases);
        return List.copyOf(out);
    }

    /** The name without its trailing salt words, or null when it has none or nothing would be left. */
    static String baseName(String name) {
        String[] words = name.strip().split("\\s+");
        int end = words.length;
        while (end > 1 && SALT_WORDS.contains(words[end - 1].toLowerCase(Locale.ROOT))) {
            end--;
        }
        if (end == words.length) {
            return null;
        }
        String base = String.join(" ", java.util.Arrays.asList(words).subList(0, end));
        return base.length() < 4 ? null : base;
    }
}
