package io.github.meddistill.teachers.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "model" behind the fake providers: finds a fixed list of terms in the note (case-insensitively)
 * and returns each distinct one once, exactly as written, with its type, like a good LLM would.
 */
public final class DictionaryModel {

    public static final Map<String, String> TERMS = new LinkedHashMap<>();

    static {
        TERMS.put("metformin", "MEDICATION");
        TERMS.put("aspirin", "MEDICATION");
        TERMS.put("lisinopril", "MEDICATION");
        TERMS.put("type 2 diabetes", "DISEASE");
        TERMS.put("hypertension", "DISEASE");
        TERMS.put("pneumonia", "DISEASE");
        TERMS.put("fever", "SYMPTOM");
        TERMS.put("chest pain", "SYMPTOM");
        TERMS.put("cough", "SYMPTOM");
    }

    private DictionaryModel() {
    }

    /** {@code [text, type]} pairs found in {@code note}. */
    public static List<String[]> label(String note) {
        String lower = note.toLowerCase(Locale.ROOT);
        Map<String, String> found = new LinkedHashMap<>();
        TERMS.forEach((term, type) -> {
            for (int i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + 1)) {
                found.putIfAbsent(note.substring(i, i + term.length()), type);
            }
        });
        List<String[]> mentions = new ArrayList<>();
        found.forEach((text, type) -> mentions.add(new String[] {text, type}));
        return mentions;
    }

    /** The note inside a user message rendered by the default prompt template. */
    public static String noteOf(String userMessage) {
        int start = userMessage.indexOf("<<<\n");
        int end = userMessage.lastIndexOf("\n>>>");
        if (start < 0 || end < start) {
            throw new AssertionError("user message does not hold a note between <<< and >>>");
        }
        return userMessage.substring(start + 4, end);
    }
}
