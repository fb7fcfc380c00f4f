package io.github.meddistill.teachers.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the loopback server answers: status, headers, body, and an optional misbehaviour. */
public record Reply(int status, Map<String, String> headers, String body, Misbehaviour misbehaviour, long delayMillis) {

    /** Ways the server can fail at the transport level. */
    public enum Misbehaviour {
        NONE,
        /** Sends the headers and part of the body, then drops the connection. */
        RESET_MID_BODY
    }

    public static Reply json(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "application/json"), body, Misbehaviour.NONE, 0);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body, misbehaviour, delayMillis);
    }

    public Reply delayed(long millis) {
        return new Reply(status, headers, body, misbehaviour, millis);
    }

    public Reply resetMidBody() {
        return new Reply(status, headers, body, Misbehaviour.RESET_MID_BODY, delayMillis);
    }
}
