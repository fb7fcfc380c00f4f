package io.github.meddistill.teachers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Speaks the Gemini API wire format on a {@link LoopbackServer}: {@code generateContent} answered by
 * the {@link DictionaryModel} with {@code usageMetadata}, scripted faults first, and inline
 * {@code batchGenerateContent} with operation polling.
 */
public final class FakeGemini implements Function<RecordedRequest, Reply> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Deque<Reply> faults = new ArrayDeque<>();
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean echoMetadata = true;

    public synchronized FakeGemini thenFail(Reply... replies) {
        faults.addAll(List.of(replies));
        return this;
    }

    /** Whether inlined batch responses carry the request's metadata (the live API may not). */
    public FakeGemini echoMetadata(boolean echo) {
        this.echoMetadata = echo;
        return this;
    }

    @Override
    public Reply apply(RecordedRequest request) {
        synchronized (this) {
            if (!faults.isEmpty() && request.path().endsWith(":generateContent")) {
                return faults.poll();
            }
        }
        String path = request.path();
        if (path.endsWith(":generateContent")) {
            return Reply.json(200, responseFor(request.json()).toString());
        }
        if (path.endsWith(":batchGenerateContent")) {
            return createBatch(request.json());
        }
        if (path.startsWith("/v1beta/batches/")) {
            return poll(path.substring("/v1beta/".length()));
        }
        return Reply.json(404, "{\"error\":{\"code\":404,\"message\":\"unknown path\",\"status\":\"NOT_FOUND\"}}");
    }

    public static ObjectNode responseFor(JsonNode body) {
        String user = body.path("contents").get(0).path("parts").get(0).path("text").asText();
        String content = FakeOpenAi.entitiesJson(DictionaryModel.label(DictionaryModel.noteOf(user)));
        return response(content, "STOP", user.length() / 4 + 120, 0, content.length() / 4, 0);
    }

    public static ObjectNode response(String text, String finishReason, long prompt, long cached, long candidates, long thoughts) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", finishReason).put("index", 0);
        ObjectNode usage = root.putObject("usageMetadata");
        usage.put("promptTokenCount", prompt).put("candidatesTokenCount", candidates)
                .put("totalTokenCount", prompt + candidates + thoughts);
        if (cached > 0) {
            usage.put("cachedContentTokenCount", cached);
        }
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", prompt);
        root.put("modelVersion", "gemini-2.0-flash").put("responseId", "resp-test");
        return root;
    }

    private Reply createBatch(JsonNode body) {
        String name = "batches/b" + ids.incrementAndGet();
        ObjectNode operation = MAPPER.createObjectNode().put("name", name);
        ObjectNode metadata = operation.putObject("metadata");
        metadata.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch")
                .put("name", name).put("displayName", body.path("batch").path("displayName").asText())
                .put("state", "BATCH_STATE_PENDING");
        metadata.set("inputConfig", body.path("batch").path("inputConfig"));
        batches.put(name, operation);
        return Reply.json(200, operation.toString());
    }

    private Reply poll(String name) {
        ObjectNode operation = batches.get(name);
        if (operation == null) {
            return Reply.json(404, "{\"error\":{\"code\":404,\"message\":\"no such batch\",\"status\":\"NOT_FOUND\"}}");
        }
        synchronized (operation) {
            ObjectNode metadata = (ObjectNode) operation.get("metadata");
            if ("BATCH_STATE_PENDING".equals(metadata.path("state").asText())) {
                metadata.put("state", "BATCH_STATE_RUNNING");
            } else if (!operation.path("done").asBoolean()) {
                metadata.put("state", "BATCH_STATE_SUCCEEDED");
                operation.put("done", true);
                ObjectNode response = operation.putObject("response");
                response.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput");
                ArrayNode out = response.putObject("inlinedResponses").putArray("inlinedResponses");
                for (JsonNode item : metadata.path("inputConfig").path("requests").path("requests")) {
                    ObjectNode result = out.addObject();
                    result.set("response", responseFor(item.path("request")));
                    if (echoMetadata) {
                        result.set("metadata", item.path("metadata"));
                    }
                }
            }
        }
        return Reply.json(200, operation.toString());
    }
}
