package io.github.meddistill.ontology.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a line on one separator character, keeping empty fields; no quoting of any kind. */
public final class Fields {

    private Fields() {
    }

    public static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                fields.add(line.substring(from, i));
                from = i + 1;
            }
        }
        fields.add(line.substring(from));
        return fields;
    }

    /** Splits a list-valued field on {@code separator} (a string such as {@code " | "}), trimmed, blanks dropped. */
    public static List<String> splitList(String value, String separator) {
        List<String> items = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = value.indexOf(separator, from);
            String item = (at < 0 ? value.substring(from) : value.substring(from, at)).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            if (at < 0) {
                return items;
            }
            from = at + separator.length();
        }
    }
}
