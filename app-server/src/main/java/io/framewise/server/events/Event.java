package io.framewise.server.events;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One entry of the activity feed, also what WebSocket clients replay after a reconnect.
 *
 * @param sequence its place in the feed: 1, 2, 3... with no gaps made by concurrent writers
 * @param kind a dotted lowercase name such as {@code media.ready}, at most 64 characters
 * @param mediaId the media item it is about, or {@code null}
 * @param assetId the asset it is about, or {@code null}
 * @param payloadJson the event's JSON body, at most 64 KiB
 */
public record Event(long sequence, String kind, String mediaId, String assetId, String payloadJson, Instant created) {

    public static final int MAX_PAYLOAD = 64 * 1024;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    public Event {
        Require.range("sequence", sequence, 1, Long.MAX_VALUE);
        checkKind(kind);
        Ids.optional("mediaId", mediaId);
        Ids.optional("assetId", assetId);
        Require.maxLength("payloadJson", payloadJson, MAX_PAYLOAD);
        Require.present("created", created);
    }

    static void checkKind(String kind) {
        Require.text("kind", kind, 64);
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be dotted lowercase words like media.ready, got " + kind);
        }
    }
}
