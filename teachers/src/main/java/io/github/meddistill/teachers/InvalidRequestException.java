package io.github.meddistill.teachers;

import io.github.meddistill.core.NonRetriableException;

/** HTTP 400, 404 or another 4xx: the request is wrong (unknown model, bad parameter). Never retried. */
public class InvalidRequestException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public InvalidRequestException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
