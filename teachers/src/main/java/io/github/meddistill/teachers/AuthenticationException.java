package io.github.meddistill.teachers;

import io.github.meddistill.core.NonRetriableException;

/** HTTP 401 or 403: the API key is missing, wrong, or lacks permission. Never retried; never shows the key. */
public class AuthenticationException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AuthenticationException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
