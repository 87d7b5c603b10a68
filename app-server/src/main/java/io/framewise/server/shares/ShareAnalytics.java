package io.framewise.server.shares;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A link's analytics: opens (guest sessions), unique guests (by e-mail when given, else by name),
 * watch time, downloads, notes, one row per guest, and a heat strip of the watched frames of one
 * media item.
 */
public record ShareAnalytics(
        int opens, int uniqueGuests, double watchSeconds, int downloads, int notes, List<Guest> guests, Heat heat) {

    /** One guest's totals over all their sessions. */
    public record Guest(
            String name,
            String email,
            Instant firstSeen,
            Instant lastSeen,
            double watchSeconds,
            int downloads,
            int notes) {}

    /**
     * How often each slice of the media was watched: bucket i covers the frames [i*F/n, (i+1)*F/n)
     * of F frames and counts the watched ranges that touch it.
     */
    public record Heat(String mediaId, long frameCount, int[] buckets) {}

    /** Sums the sessions per guest (first seen first) and builds the heat strip, if there is media. */
    public static ShareAnalytics of(List<AnalyticsRepository.Session> sessions, Heat heat) {
        Map<String, Guest> byGuest = new LinkedHashMap<>();
        long watchMillis = 0;
        int downloads = 0;
        int notes = 0;
        for (AnalyticsRepository.Session s : sessions) {
            watchMillis += s.watchMillis();
            downloads += s.downloads();
            notes += s.notes();
            String key = s.email() != null && !s.email().isBlank()
                    ? "e:" + s.email().strip().toLowerCase(Locale.ROOT)
                    : "n:" + s.name().strip().toLowerCase(Locale.ROOT);
            Guest seen = byGuest.get(key);
            Guest session = new Guest(
                    s.name(), s.email(), s.firstSeen(), s.lastSeen(), s.watchMillis() / 1000.0, s.downloads(), s.notes());
            byGuest.put(key, seen == null ? session : merge(seen, session));
        }
        return new ShareAnalytics(
                sessions.size(),
                byGuest.size(),
                watchMillis / 1000.0,
                downloads,
                notes,
                new ArrayList<>(byGuest.values()),
                heat);
    }

    /** The heat strip of {@code frameCount} frames in {@code n} buckets (fewer when there are fewer frames). */
    public static Heat heat(String mediaId, long frameCount, int n, List<AnalyticsRepository.Range> ranges) {
        int count = (int) Math.max(1, Math.min(n, frameCount));
        int[] buckets = new int[count];
        if (frameCount > 0) {
            for (AnalyticsRepository.Range r : ranges) {
                long from = Math.max(0, r.from());
                long to = Math.min(frameCount, r.to());
                if (to <= from) {
                    continue;
                }
                int first = (int) (from * count / frameCount);
                int last = (int) ((to - 1) * count / frameCount);
                for (int i = first; i <= last; i++) {
                    buckets[i]++;
                }
            }
        }
        return new Heat(mediaId, frameCount, buckets);
    }

    private static Guest merge(Guest a, Guest b) {
        return new Guest(
                a.name(),
                a.email() != null ? a.email() : b.email(),
                a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(),
                a.watchSeconds() + b.watchSeconds(),
                a.downloads() + b.downloads(),
                a.notes() + b.notes());
    }
}
