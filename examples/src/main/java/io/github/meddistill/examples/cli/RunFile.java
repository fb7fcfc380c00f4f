package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The run file of {@code meddistill distill}: {@code --config run.json} holds the same settings as the flags, under the
 * flags' names in camel case ({@code "goldTrain"}, {@code "batchSize"}, {@code "teachers": ["doid=doid.obo"]}), with
 * paths relative to the run file's folder; a flag given as well wins. The {@code run.json} a run writes into
 * {@code --out} holds the resolved settings under {@code "config"} (absolute paths), the versions, and the SHA-256 of
 * every input file, and can itself be given to {@code --config}.
 */
final class RunFile {

    static final String NAME = "run.json";
    /** The settings a run file may hold, in the order {@code run.json} writes them. */
    static final List<String> KEYS = List.of("notes", "dev", "test", "goldTrain", "teachers", "types", "out", "name",
            "encoder", "epochs", "batchSize", "learningRate", "outsideWeight", "abbreviations", "selfTrainingRounds",
            "seed", "openAiBaseUrl", "snomedLanguageRefset", "affirmedOnly");
    private static final Set<String> PATHS = Set.of("notes", "dev", "test", "goldTrain", "out");
    private static final Set<String> PRETRAINED = Set.of("minilm", "bge-small", "e5-small");
    private static final Set<String> NO_PATH_TEACHERS = Set.of("patterns", "openai", "gemini");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFile() {
    }

    /**
     * The settings of a run file, keyed as {@link #KEYS}, with relative paths (also those of teacher specs) resolved
     * against its folder.
     *
     * @throws IllegalArgumentException naming the file and the key when the file is not a run file
     */
    static ObjectNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file (expected a run file, JSON)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": expected a JSON object of settings: "
                    + e.getMessage(), e);
        }
        if (root != null && root.has("config") && root.get("config").isObject()) {
            root = root.get("config"); // the run.json of an earlier run
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--config " + file + ": expected a JSON object of settings, such as"
                    + " {\"notes\": \"notes.jsonl\", \"dev\": \"dev.jsonl\", \"teachers\": [\"doid=doid.obo\"], \"out\": \"run\"}");
        }
        Path folder = file.toAbsolutePath().getParent();
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("--config " + file + ": unknown setting '" + key + "'; expected "
                        + String.join(", ", KEYS));
            }
            if (value.isNull()) {
                continue;
            }
            if (key.equals("teachers") || key.equals("types")) {
                if (!value.isArray()) {
                    throw new IllegalArgumentException("--config " + file + ": setting '" + key + "' must be a list of"
                            + " strings, found " + value);
                }
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
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
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
            return new Input(role, path.toAbsolutePath().normalize(), HexFormat.of().formatHex(digest.digest()), bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(role + " " + path + ": cannot read it to take its checksum: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
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
