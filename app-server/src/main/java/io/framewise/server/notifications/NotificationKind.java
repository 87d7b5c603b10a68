package io.framewise.server.notifications;

import java.util.Locale;

/**
 * What a notification tells of. Each person chooses a {@link Channel} per kind; a kind they never
 * chose for has its default: what is addressed to them personally is mailed at once, the rest stays
 * in the app.
 */
public enum NotificationKind {
    /** Someone wrote {@code @name} in a note or reply. */
    MENTION(Channel.EMAIL),
    /** Someone replied to my note. */
    REPLY(Channel.EMAIL),
    /** Someone wrote a note on media I uploaded. */
    NOTE(Channel.IN_APP),
    /** Approval changed on media I uploaded. */
    APPROVAL(Channel.IN_APP),
    /** Someone asked me to review an asset by a date. */
    REVIEW_REQUEST(Channel.EMAIL),
    /** A share link I made was opened for the first time. */
    SHARE_OPENED(Channel.IN_APP),
    /** Processing failed on media I uploaded. */
    JOB_FAILED(Channel.IN_APP);

    private final Channel byDefault;

    NotificationKind(Channel byDefault) {
        this.byDefault = byDefault;
    }

    public Channel byDefault() {
        return byDefault;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code text}; an {@link IllegalArgumentException} listing the kinds otherwise. */
    public static NotificationKind fromWire(String text) {
        for (NotificationKind k : values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown notification kind '" + shorten(text)
                + "': use mention, reply, note, approval, review_request, share_opened or job_failed");
    }

    static String shorten(String text) {
        return text == null ? "null" : text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** How a person is told of one kind. */
    public enum Channel {
        /** In the app (the bell) only. */
        IN_APP,
        /** In the app, and by e-mail at once. */
        EMAIL,
        /** In the app, and in one e-mail an hour with everything of the hour. */
        DIGEST_HOURLY,
        /** In the app, and in one e-mail a day. */
        DIGEST_DAILY,
        /** Not at all. */
        OFF;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Channel fromWire(String text) {
            for (Channel c : values()) {
                if (c.wire().equals(text)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(
                    "unknown channel '" + shorten(text) + "': use in_app, email, digest_hourly, digest_daily or off");
        }
    }
}
