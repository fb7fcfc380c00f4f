package io.github.meddistill.teachers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** A request the loopback server received. */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("request body is not JSON: " + bodyText(), e);
        }
    }
}
