package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run file of {@code meddistill distill}: {@code --config run.json} (or {@code run.yaml} / {@code run.yml}, the
 * same settings in YAML) holds the same settings as the flags, under the flags' names in camel case ({@code "goldTrain"}, {@code "batchSize"}, {@code "teachers": ["doid=doid.obo"]}), with
 * paths relative to the run file's folder; a flag given as well wins. The {@code run.json} a run writes into
 * {@code --out} holds the resolved settings under {@code "config"} (absolute paths), the versions, and the SHA-256 of
 * every input file, and can itself be given to {@code --config}.
 */
final class RunFile {

    static final String NAME = "run.json";
    /** The settings a run file may hold, in the order {@code run.json} writes them. */
    static final List<String> KEYS = List.of("notes", "dev", "test", "goldTrain", "teachers", "types", "out", "name",
            "encoder", "epochs", "minSteps", "batchSize", "learningRate", "outsideWeight", "abbreviations",
            "selfTrainingRounds", "reliabilityWeights", "positiveUnlabelled", "unknownMentions", "seed",
            "openAiBaseUrl", "snomedLanguageRefset", "affirmedOnly");
    private static final Set<String> PATHS = Set.of("notes", "dev", "test", "goldTrain", "out");
    private static final Set<String> PRETRAINED = Set.of("minilm", "bge-small", "e5-small");
    private static final Set<String> NO_PATH_TEACHERS = Set.of("patterns", "openai", "gemini");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Where SnakeYAML places a problem: {@code in 'reader', line 5, column 2}. */
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");

    private RunFile() {
    }

    /**
     * The settings of a run file, keyed as {@link #KEYS}, with relative paths (also those of teacher specs) resolved
     * against its folder. A name ending in {@code .yaml} or {@code .yml} is read as YAML, any other as JSON; both hold
     * the same settings.
     *
     * @throws IllegalArgumentException naming the file, the line and the setting when the file is not a run file
     */
    static ObjectNode read(Path file) {
        Syntax syntax = Syntax.of(file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file (expected a run file, "
                    + syntax.label + ")");
        }
        Located located = parse(file, syntax);
        JsonNode root = located.root();
        String prefix = "";
        if (root != null && root.has("config") && root.get("config").isObject()) {
            root = root.get("config"); // the run.json of an earlier run
            prefix = "/config";
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--config " + file + located.at("") + ": expected " + syntax.object
                    + " of settings, such as " + syntax.example);
        }
        Path folder = file.toAbsolutePath().getParent();
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String where = "--config " + file + located.at(prefix + "/" + key);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown setting '" + key + "'; expected "
                        + String.join(", ", KEYS));
            }
            if (value.isNull()) {
                continue;
            }
            String problem = typeProblem(key, value);
            if (problem != null) {
                throw new IllegalArgumentException(where + ": setting '" + key + "': " + problem);
            }
            if (key.equals("teachers") || key.equals("types")) {
                ArrayNode list = settings.putArray(key);
                value.forEach(item -> list.add(key.equals("teachers") ? teacher(folder, item.asText()) : item.asText()));
            } else if (key.equals("encoder") && !PRETRAINED.contains(value.asText().toLowerCase(java.util.Locale.ROOT))) {
                settings.put(key, folder.resolve(value.asText()).normalize().toString()); // a checkpoint folder
            } else if (PATHS.contains(key)) {
                settings.put(key, folder.resolve(value.asText()).normalize().toString());
            } else {
                settings.set(key, value);
            }
        }
        return settings;
    }

    /** What is wrong with the type of a setting's value, or {@code null} when it has the right type. */
    private static String typeProblem(String key, JsonNode value) {
        switch (key) {
            case "teachers", "types" -> {
                if (!value.isArray()) {
                    return "expected a list of strings, found " + describe(value);
                }
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        return "expected a list of strings, found the item " + describe(item);
                    }
                }
                return null;
            }
            case "epochs", "minSteps", "batchSize", "selfTrainingRounds" -> {
                return value.isIntegralNumber() && value.canConvertToInt() ? null
                        : "expected a whole number, found " + describe(value);
            }
            case "seed" -> {
                return value.isIntegralNumber() && value.canConvertToLong() ? null
                        : "expected a whole number, found " + describe(value);
            }
            case "learningRate", "outsideWeight" -> {
                return value.isNumber() ? null : "expected a number, found " + describe(value);
            }
            case "abbreviations", "affirmedOnly", "reliabilityWeights", "positiveUnlabelled", "unknownMentions" -> {
                return value.isBoolean() ? null : "expected true or false, found " + describe(value);
            }
            default -> {
                return value.isTextual() ? null : "expected a string, found " + describe(value);
            }
        }
    }

    private static String describe(JsonNode value) {
        String kind = value.isTextual() ? "a string" : value.isNumber() ? "a number" : value.isBoolean() ? "a boolean"
                : value.isArray() ? "a list" : value.isObject() ? "an object" : value.getNodeType().name().toLowerCase(
                        java.util.Locale.ROOT);
        return kind + " " + value;
    }

    /** How a run file is written: by its name, YAML for {@code .yaml} and {@code .yml}, else JSON. */
    enum Syntax {
        JSON("JSON", "a JSON object", "{\"notes\": \"notes.jsonl\", \"dev\": \"dev.jsonl\", \"teachers\":"
                + " [\"doid=doid.obo\"], \"out\": \"run\"}", new JsonFactory()),
        YAML("YAML", "a YAML mapping", "notes: notes.jsonl / dev: dev.jsonl / teachers: [doid=doid.obo] / out: run,"
                + " one setting per line", new YAMLFactory());

        private final String label;
        private final String object;
        private final String example;
        private final JsonFactory factory;

        Syntax(String label, String object, String example, JsonFactory factory) {
            this.label = label;
            this.object = object;
            this.example = example;
            this.factory = factory;
        }

        static Syntax of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        }
    }

    /** A parsed run file and the line of each value, by JSON pointer ({@code ""} is the root). */
    private record Located(JsonNode root, Map<String, Integer> lines) {

        /** {@code ":LINE"} of the value at {@code pointer}, or nothing when it is not known. */
        String at(String pointer) {
            Integer line = lines.get(pointer);
            return line == null || line < 1 ? "" : ":" + line;
        }
    }

    private static Located parse(Path file, Syntax syntax) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser parser = syntax.factory.createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IllegalArgumentException("--config " + file + ": the file is empty; expected " + syntax.object
                        + " of settings, such as " + syntax.example);
            }
            JsonNode root = value(parser, "", lines, file);
            return new Located(root, lines);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            int line = location == null ? -1 : location.getLineNr();
            int column = location == null ? -1 : location.getColumnNr();
            // SnakeYAML's message holds the problem's own mark ("line 5, column 2"); the parser's location is the
            // token before it
            Matcher mark = YAML_MARK.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
            while (mark.find()) {
                line = Integer.parseInt(mark.group(1));
                column = Integer.parseInt(mark.group(2));
            }
            String at = line < 1 ? "" : ":" + line + (column > 0 ? ":" + column : "");
            throw new IllegalArgumentException("--config " + file + at + ": expected " + syntax.object
                    + " of settings, but it is not " + syntax.label + ": " + problem(e.getOriginalMessage())
                    + sourceLine(file, line)); // the parser's own message, location and all, is in this one
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** The value at the parser's current token, recording the line where each value (and each field) starts. */
    private static JsonNode value(JsonParser parser, String pointer, Map<String, Integer> lines, Path file)
            throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = pointer + "/" + name;
                    int line = parser.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        throw new IllegalArgumentException("--config " + file + ":" + line + ": setting '" + name
                                + "' is given twice (first on line " + lines.get(child) + ")");
                    }
                    lines.put(child, line);
                    parser.nextToken();
                    object.set(name, value(parser, child, lines, file));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, pointer + "/" + index++, lines, file));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? nodes.numberNode(parser.getBigIntegerValue()) : nodes.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> {
                return nodes.textNode(parser.getText());
            }
        }
    }

    /** A parser's message without SnakeYAML's marks and snippets (the line is said once, before it). */
    private static String problem(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("\t")) {
                parts.add(line.strip());
            }
        }
        return parts.isEmpty() ? message.strip() : String.join(", ", parts);
    }

    /** {@code "; line N is \"...\""}, the run file's line {@code line}, or nothing when there is no such line. */
    private static String sourceLine(Path file, int line) {
        try {
            List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            return line >= 1 && line <= lines.size() ? "; line " + line + " is \"" + lines.get(line - 1).replace("\t", "\\t") + "\""
                    : "";
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** A teacher spec whose path, when it has one, is resolved against {@code folder}. */
    private static String teacher(Path folder, String spec) {
        int equals = spec.indexOf('=');
        if (equals < 0 || NO_PATH_TEACHERS.contains(spec.substring(0, equals))) {
            return spec;
        }
        return spec.substring(0, equals + 1) + folder.resolve(spec.substring(equals + 1)).normalize();
    }

    /** One input file of a run and its checksum. */
    record Input(String role, Path path, String sha256, long bytes) {
    }

    /**
     * The SHA-256 of a file or, for a folder (brat), of its regular files' relative names and contents in name order.
     */
    static Input checksum(String role, Path path) {
        try {
            MessageDigest digest = Sha256.digest();
            long bytes = 0;
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                if (Files.isDirectory(path)) {
                    digest.update(path.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                        bytes += n;
                    }
                }
            }
            return new Input(role, path.toAbsolutePath().normalize(), Sha256.hex(digest.digest()), bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(role + " " + path + ": cannot read it to take its checksum: " + e, e);
        }
    }

    /** The manifest {@code run.json}: {@code config}, {@code versions} and {@code inputs}. */
    static ObjectNode manifest(ObjectNode config, String version, List<Input> inputs) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("config", config);
        ObjectNode versions = root.putObject("versions");
        versions.put("meddistill", version);
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ArrayNode files = root.putArray("inputs");
        for (Input input : inputs) {
            files.addObject().put("role", input.role()).put("path", input.path().toString())
                    .put("sha256", input.sha256()).put("bytes", input.bytes());
        }
        return root;
    }

    /**
     * How this run differs from the one recorded in {@code out}'s {@code run.json}: the first changed setting (the
     * pipeline then reuses only the labels and students that still fit), and the first input whose checksum changed
     * (a run on other notes must not resume this one).
     */
    record Difference(Optional<String> setting, Optional<String> input) {
    }

    static Difference difference(Path out, ObjectNode manifest) {
        Path file = out.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return new Difference(Optional.empty(), Optional.empty());
        }
        JsonNode earlier;
        try {
            earlier = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return new Difference(Optional.empty(), Optional.of(file + " cannot be read (" + e.getMessage() + ")"));
        }
        Optional<String> setting = Optional.empty();
        Map<String, JsonNode> before = settings(earlier.path("config"));
        Map<String, JsonNode> now = settings(manifest.path("config"));
        for (String key : KEYS) {
            JsonNode a = before.get(key);
            JsonNode b = now.get(key);
            if (!(a == null ? b == null : b != null && a.toString().equals(b.toString()))) { // 42 is 42, int or long
                setting = Optional.of("setting '" + key + "' was " + a + ", now " + b);
                break;
            }
        }
        Map<String, String> sums = new LinkedHashMap<>();
        earlier.path("inputs").forEach(input -> sums.put(input.path("role").asText() + " " + input.path("path").asText(),
                input.path("sha256").asText()));
        for (JsonNode input : manifest.path("inputs")) {
            String key = input.path("role").asText() + " " + input.path("path").asText();
            String sum = sums.get(key);
            if (sum != null && !sum.equals(input.path("sha256").asText())) {
                return new Difference(setting, Optional.of(key + " has changed since that run (SHA-256 "
                        + sum.substring(0, 12) + "... then, " + input.path("sha256").asText().substring(0, 12) + "... now)"));
            }
        }
        return new Difference(setting, Optional.empty());
    }

    private static Map<String, JsonNode> settings(JsonNode config) {
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        config.fields().forEachRemaining(field -> settings.put(field.getKey(), field.getValue()));
        return settings;
    }

    /** Writes {@code run.json} into {@code out}, complete or not at all. */
    static void write(Path out, ObjectNode manifest) {
        try {
            Files.createDirectories(out);
            AtomicFiles.writeString(out.resolve(NAME), JSON.writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + out.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }
}
