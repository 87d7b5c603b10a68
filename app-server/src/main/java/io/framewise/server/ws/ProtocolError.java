package io.framewise.server.ws;

/**
 * A problem with what a client sent, answered with an {@code error} message.
 *
 * @param code stable machine-readable code
 * @param message what was wrong, for people
 * @param type the message type it was about, or null if unknown
 * @param ref the client's {@code ref} of that message, or null
 */
public record ProtocolError(String code, String message, String type, String ref) {}
