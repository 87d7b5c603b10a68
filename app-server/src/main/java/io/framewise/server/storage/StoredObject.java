package io.framewise.server.storage;

import java.time.Instant;

/**
 * A file in the store: its key, size and when it was stored (the same on every node, so validators
 * made from them agree whichever node answers).
 */
public record StoredObject(String key, long size, Instant modified) {}
