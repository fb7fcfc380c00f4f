package io.github.meddistill.teachers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Speaks the OpenAI wire format on a {@link LoopbackServer}: Chat Completions answered by the
 * {@link DictionaryModel} with a realistic usage block, scripted faults served first, and the Batch
 * API (multipart file upload, batch creation, polling, output and error files).
 */
public final class FakeOpenAi implements Function<RecordedRequest, Reply> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Deque<Reply> faults = new ArrayDeque<>();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int pollsBeforeDone = 1;
    private volatile java.util.Set<String> batchFailures = java.util.Set.of();

    /** Serves these replies (in order) before answering normally. */
    public synchronized FakeOpenAi thenFail(Reply... replies) {
        faults.addAll(List.of(replies));
        return this;
    }

    /** Batch polls answered {@code in_progress} before {@code completed}. */
    public FakeOpenAi pollsBeforeDone(int polls) {
        this.pollsBeforeDone = polls;
        return this;
    }

    /** Notes containing one of these words fail inside a batch (go to the error file). */
    public FakeOpenAi batchFailuresFor(java.util.Set<String> words) {
        this.batchFailures = words;
        return this;
    }

    @Override
    public Reply apply(RecordedRequest request) {
        synchronized (this) {
            if (!faults.isEmpty() && request.path().endsWith("/chat/completions")) {
                return faults.poll();
            }
        }
        String path = request.path();
        if (path.endsWith("/chat/completions")) {
            return Reply.json(200, completionFor(request.json()).toString());
        }
        if (path.endsWith("/files") && request.method().equals("POST")) {
            return upload(request);
        }
        if (path.endsWith("/batches") && request.method().equals("POST")) {
            return createBatch(request.json());
        }
        if (path.contains("/batches/") && request.method().equals("GET")) {
            return pollBatch(path.substring(path.lastIndexOf('/') + 1));
        }
        if (path.contains("/files/") && path.endsWith("/content")) {
            String id = path.substring(path.indexOf("/files/") + 7, path.length() - "/content".length());
            String content = files.get(id);
            return content == null ? Reply.json(404, "{\"error\":{\"message\":\"no such file\"}}")
                    : new Reply(200, Map.of("Content-Type", "application/octet-stream"), content, Reply.Misbehaviour.NONE, 0);
        }
        return Reply.json(404, "{\"error\":{\"message\":\"unknown path " + path + "\"}}");
    }

    /** A chat completion for a request body, as the real API would answer. */
    public static ObjectNode completionFor(JsonNode body) {
        JsonNode messages = body.path("messages");
        String user = messages.get(messages.size() - 1).path("content").asText();
        String note = DictionaryModel.noteOf(user);
        String content = entitiesJson(DictionaryModel.label(note));
        boolean reasoning = body.has("max_completion_tokens");
        return completion(body.path("model").asText(), content, "stop", user.length() / 4 + 120, 64,
                content.length() / 4 + (reasoning ? 192 : 0), reasoning ? 192 : 0);
    }

    public static String entitiesJson(List<String[]> mentions) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode entities = root.putArray("entities");
        for (String[] m : mentions) {
            entities.addObject().put("text", m[0]).put("type", m[1]);
        }
        return root.toString();
    }

    public static ObjectNode completion(String model, String content, String finishReason, long prompt, long cached,
                                        long completion, long reasoning) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_732_000_000L).put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        root.put("system_fingerprint", "fp_test");
        return root;
    }

    private Reply upload(RecordedRequest request) {
        String contentType = request.header("Content-Type");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        String body = request.bodyText();
        if (!body.contains("name=\"purpose\"\r\n\r\nbatch\r\n")) {
            return Reply.json(400, "{\"error\":{\"message\":\"purpose must be batch\"}}");
        }
        int fileStart = body.indexOf("\r\n\r\n", body.indexOf("name=\"file\"")) + 4;
        int fileEnd = body.indexOf("\r\n--" + boundary, fileStart);
        String id = "file-" + ids.incrementAndGet();
        files.put(id, body.substring(fileStart, fileEnd));
        return Reply.json(200, "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":" + (fileEnd - fileStart)
                + ",\"filename\":\"meddistill-batch.jsonl\",\"purpose\":\"batch\"}");
    }

    private Reply createBatch(JsonNode body) {
        if (!"/v1/chat/completions".equals(body.path("endpoint").asText()) || !files.containsKey(body.path("input_file_id").asText())) {
            return Reply.json(400, "{\"error\":{\"message\":\"bad batch request\"}}");
        }
        String id = "batch_" + ids.incrementAndGet();
        ObjectNode batch = MAPPER.createObjectNode().put("id", id).put("object", "batch")
                .put("endpoint", "/v1/chat/completions").put("input_file_id", body.path("input_file_id").asText())
                .put("completion_window", "24h").put("status", "validating").put("polls", 0);
        batches.put(id, batch);
        return Reply.json(200, batch.toString());
    }

    private Reply pollBatch(String id) {
        ObjectNode batch = batches.get(id);
        if (batch == null) {
            return Reply.json(404, "{\"error\":{\"message\":\"no such batch\"}}");
        }
        synchronized (batch) {
            int polls = batch.path("polls").asInt() + 1;
            batch.put("polls", polls);
            if (polls <= pollsBeforeDone) {
                batch.put("status", "in_progress");
            } else if (!"completed".equals(batch.path("status").asText())) {
                finish(batch);
            }
        }
        return Reply.json(200, batch.toString());
    }

    private void finish(ObjectNode batch) {
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        int n = 0;
        for (String line : files.get(batch.path("input_file_id").asText()).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request;
            try {
                request = MAPPER.readTree(line.getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new AssertionError("batch input line is not JSON", e);
            }
            n++;
            ObjectNode out = MAPPER.createObjectNode().put("id", "batch_req_" + n).put("custom_id", request.path("custom_id").asText());
            String note = DictionaryModel.noteOf(request.path("body").path("messages").get(1).path("content").asText());
            if (batchFailures.stream().anyMatch(note::contains)) {
                ObjectNode response = out.putObject("response").put("status_code", 500).put("request_id", "req_" + n);
                response.putObject("body").putObject("error").put("message", "internal error").put("type", "server_error");
                out.putNull("error");
                errors.append(out).append('\n');
            } else {
                ObjectNode response = out.putObject("response").put("status_code", 200).put("request_id", "req_" + n);
                response.set("body", completionFor(request.path("body")));
                out.putNull("error");
                output.append(out).append('\n');
            }
        }
        String outputId = "file-" + ids.incrementAndGet();
        files.put(outputId, output.toString());
        batch.put("status", "completed").put("output_file_id", outputId);
        if (errors.length() > 0) {
            String errorId = "file-" + ids.incrementAndGet();
            files.put(errorId, errors.toString());
            batch.put("error_file_id", errorId);
        } else {
            batch.putNull("error_file_id");
        }
    }
}
