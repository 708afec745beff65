package org.modelstudio.server;

/** A request the server refuses, with the HTTP status and a sentence for the person who sent it. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    BadRequestException(String message) {
        this(400, message);
    }

    int status() { return status; }
}
