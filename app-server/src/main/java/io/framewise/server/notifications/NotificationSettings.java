package io.framewise.server.notifications;

import io.framewise.server.notifications.NotificationKind.Channel;
import java.util.EnumMap;
import java.util.Map;

/**
 * One person's choices: where mail goes, and how they are told of each kind.
 *
 * @param email the address mail goes to, or null (then nothing is mailed, whatever the channels)
 * @param channels a channel for every kind
 */
public record NotificationSettings(String email, Map<NotificationKind, Channel> channels) {

    public NotificationSettings {
        EnumMap<NotificationKind, Channel> all = new EnumMap<>(NotificationKind.class);
        for (NotificationKind k : NotificationKind.values()) {
            all.put(k, k.byDefault());
        }
        all.putAll(channels);
        channels = java.util.Collections.unmodifiableMap(all);
    }

    public Channel channel(NotificationKind kind) {
        return channels.get(kind);
    }
}
