package io.github.meddistill.ontology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenScannerTest {

    private static List<String> normalised(String text, boolean plurals) {
        TokenTable table = new TokenTable();
        Tokens tokens = new Tokens();
        new TokenScanner(plurals).scan(text, table, true, tokens, new TokenScanner.Buffer());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(table.text(tokens.id(i)) + "@" + tokens.start(i) + "-" + tokens.end(i));
        }
        return out;
    }

    @Test
    void should_split_on_everything_but_letters_and_digits_when_scanning() {
        assertThat(normalised("Type-2 DM, (HbA1c) 7.5%", false))
                .containsExactly("type@0-4", "2@5-6", "dm@7-9", "hba1c@12-17", "7@19-20", "5@21-22");
    }

    @Test
    void should_drop_the_possessive_s_when_it_follows_an_apostrophe() {
        assertThat(normalised("Crohn's and Crohn\u2019s, it 's", false))
                .containsExactly("crohn@0-5", "and@8-11", "crohn@12-17", "it@21-23", "s@25-26");
    }

    @Test
    void should_normalise_to_nfkc_lower_case_when_tokens_are_not_ascii() {
        assertThat(normalised("ＡＢＣ ﬁbrosis Ärzte", false))
                .containsExactly("abc@0-3", "fibrosis@4-11", "ärzte@12-17");
    }

    @Test
    void should_fold_simple_plurals_when_enabled() {
        assertThat(normalised("seizures allergies boxes glasses virus diabetes cs THES aids", true))
                .extracting(s -> s.substring(0, s.indexOf('@')))
                .containsExactly("seizure", "allergy", "box", "glass", "virus", "diabete", "cs", "thes", "aids");
    }

    @Test
    void should_reuse_ids_when_the_same_token_is_interned_twice() {
        TokenTable table = new TokenTable();
        Tokens tokens = new Tokens();
        TokenScanner scanner = new TokenScanner(false);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            many.append("w").append(i).append(' ');
        }
        scanner.scan(many + " W17", table, true, tokens, new TokenScanner.Buffer());

        assertThat(table.size()).isEqualTo(5000);
        assertThat(tokens.id(5000)).isEqualTo(tokens.id(17));
    }

    private static List<String> scannedWithIds(TokenScanner scanner, TokenTable table, String text) {
        Tokens tokens = new Tokens();
        scanner.scan(text, table, false, tokens, new TokenScanner.Buffer());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.id(i) + "@" + tokens.start(i) + "-" + tokens.end(i));
        }
        return out;
    }

    @Test
    void should_find_the_same_tokens_and_ids_when_an_ascii_text_takes_the_fast_path() {
        // given: words of every lookup length, plurals, possessives and mixed case; texts of lengths around 64
        String[] words = {"a", "s", "S", "of", "it's", "Crohn's", "ALL", "gout", "Seizures", "allergies", "boxes",
                "glasses", "virus", "diabetes", "hypertension", "HYPERTENSIONS", "hepatosplenomegaly",
                "pseudohypoparathyroidisms", "type-2", "HbA1c", "12345678", "123456789", "abcdefghijklmnop",
                "abcdefghijklmnopq", "x"};
        String[] separators = {" ", "  ", ", ", "-", "/", ". ", "'", "(", ")\n", "\t"};
        for (boolean plurals : new boolean[] {false, true}) {
            TokenScanner scanner = new TokenScanner(plurals);
            TokenTable table = new TokenTable();
            scanner.scan(String.join(" ", words), table, true, new Tokens(), new TokenScanner.Buffer());
            scanner.scan("unknownword", table, true, new Tokens(), new TokenScanner.Buffer());
            Random random = new Random(42);
            for (int round = 0; round < 500; round++) {
                StringBuilder text = new StringBuilder();
                int length = round < 200 ? 60 + round % 10 : random.nextInt(400);
                while (text.length() < length) {
                    text.append(words[random.nextInt(words.length)]).append(separators[random.nextInt(separators.length)]);
                }
                String ascii = text.substring(0, length);

                // when: the same text with a non-ASCII separator at the end takes the general path
                List<String> fast = scannedWithIds(scanner, table, ascii);
                List<String> general = scannedWithIds(scanner, table, ascii + "\u00a0");

                // then
                assertThat(fast).as("text %s, plurals %s", ascii, plurals).isEqualTo(general);
            }
        }
    }
}
