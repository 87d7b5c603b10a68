package io.framewise.server.shares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analytics arithmetic and the CSV export's cells, without a server. */
class ShareAnalyticsTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void sessionsOfOneGuestAddUpAndGuestsAreToldApartByEmailElseName() {
        ShareAnalytics a = ShareAnalytics.of(
                List.of(
                        session("Ann", "ann@example.com", 0, 4_000, 1, 0),
                        session("Annie", "ANN@example.com", 60, 1_500, 0, 2),
                        session("Bob", null, 30, 500, 0, 1),
                        session("bob ", null, 90, 0, 2, 0)),
                null);
        assertEquals(4, a.opens());
        assertEquals(2, a.uniqueGuests());
        assertEquals(6.0, a.watchSeconds(), 1e-9);
        assertEquals(3, a.downloads());
        assertEquals(3, a.notes());
        ShareAnalytics.Guest ann = a.guests().get(0);
        assertEquals(5.5, ann.watchSeconds(), 1e-9);
        assertEquals(T, ann.firstSeen());
        assertEquals(T.plusSeconds(61), ann.lastSeen());
        assertEquals(2, a.guests().get(1).downloads());
    }

    @Test
    void heatCountsTheRangesTouchingEachBucket() {
        List<AnalyticsRepository.Range> ranges = List.of(
                new AnalyticsRepository.Range(0, 10),
                new AnalyticsRepository.Range(5, 25),
                new AnalyticsRepository.Range(95, 200), // past the end: clipped
                new AnalyticsRepository.Range(40, 40)); // empty: ignored
        ShareAnalytics.Heat heat = ShareAnalytics.heat("m", 100, 10, ranges);
        assertArrayEquals(new int[] {2, 1, 1, 0, 0, 0, 0, 0, 0, 1}, heat.buckets());
        // Fewer frames than buckets: one bucket per frame.
        assertEquals(3, ShareAnalytics.heat("m", 3, 200, List.of()).buckets().length);
    }

    @Test
    void csvCellsCannotStartAFormulaAndAreQuotedWhenNeeded() {
        assertEquals("'=1+1", AnalyticsCsv.cell("=1+1", false));
        assertEquals("'+SUM(A1)", AnalyticsCsv.cell("+SUM(A1)", false));
        assertEquals("'-2", AnalyticsCsv.cell("-2", false));
        assertEquals("'@cmd", AnalyticsCsv.cell("@cmd", false));
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", AnalyticsCsv.cell("=HYPERLINK(\"x\",\"y\")", false));
        assertEquals("\"Smith, Ann\"", AnalyticsCsv.cell("Smith, Ann", false));
        assertEquals("\"two\nlines\"", AnalyticsCsv.cell("two\nlines", false));
        assertEquals("Ann", AnalyticsCsv.cell("Ann", false));
        String csv = AnalyticsCsv.of(ShareAnalytics.of(List.of(session("-x", null, 0, 1_000, 0, 0)), null));
        assertEquals(AnalyticsCsv.HEADER + "\r\n'-x,,2026-12-01T10:00:00Z,2026-12-01T10:00:01Z,1.0,0,0\r\n", csv);
    }

    private static AnalyticsRepository.Session session(
            String name, String email, long startSecond, long watchMillis, int downloads, int notes) {
        return new AnalyticsRepository.Session(
                "id" + name,
                name,
                email,
                T.plusSeconds(startSecond),
                T.plusSeconds(startSecond + 1),
                watchMillis,
                downloads,
                notes);
    }
}
