package io.framewise.server.bench;

import io.framewise.server.access.AccessRule;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Caller;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaService;
import java.util.List;
import java.util.Locale;

/**
 * The media listing's two ways side by side, in process on the scale library: visibility decided in
 * the query (the server's way when the roles alone decide) against asking the authorizer about every
 * item (its way when an organizer takes part in access decisions, forced here with a rule that has no
 * opinion). Same service, same database, same callers; only who decides differs.
 */
final class ScaleListing {

    private static final int WARMUP = 3;
    private static final int RUNS = 20;
    /** The item-by-item listing takes seconds a page: fewer runs of it keep the section short. */
    private static final int SLOW_RUNS = 5;

    private static final int PAGE = 100;

    private final ScaleLibrary library;

    ScaleListing(ScaleLibrary library) {
        this.library = library;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        try (Database db = Database.open(library.dataDir)) {
            MediaService inSql = service(db, false);
            MediaService eachItem = service(db, true);
            for (ScaleLibrary.Caller c : library.callers) {
                Caller caller = new Caller(
                        new Principal.Person(
                                c.userId(), c.role(), c.role(), c.role().equals("admin"), Principal.Credential.local()),
                        "127.0.0.1");
                int last = Math.max(0, (c.visibleMedia() - 1) / PAGE * PAGE);
                String deep = "o" + Integer.toString(last, 36);
                compare(
                        rows,
                        c,
                        "first page",
                        () -> inSql.list(caller, PAGE, null),
                        () -> eachItem.list(caller, PAGE, null));
                compare(
                        rows,
                        c,
                        "last page",
                        () -> inSql.list(caller, PAGE, deep),
                        () -> eachItem.list(caller, PAGE, deep));
            }
        }
    }

    private static MediaService service(Database db, boolean organizerDecides) {
        Authorizer authorizer = new Authorizer(new JooqAccessFacts(db));
        if (organizerDecides) {
            authorizer.addRule((principal, action, resource) -> AccessRule.Opinion.none());
        }
        DomainEvents events = new DomainEvents(new JooqEventRepository(db), db, e -> {}, e -> {});
        return new MediaService(
                new JooqMediaRepository(db),
                db,
                events,
                new Permissions(authorizer, new AuditLog(db)),
                id -> {},
                id -> {});
    }

    private interface Listing {
        MediaService.Page list();
    }

    private static void compare(
            List<ServerBench.Row> rows, ScaleLibrary.Caller caller, String which, Listing sql, Listing each) {
        MediaService.Page a = sql.list();
        MediaService.Page b = each.list();
        if (a.total() != b.total()
                || !a.items().equals(b.items())
                || !String.valueOf(a.next()).equals(String.valueOf(b.next()))) {
            throw new IllegalStateException("the two listings differ for " + caller.role() + ", " + which);
        }
        Samples inSql = time(sql, WARMUP, RUNS);
        Samples eachItem = time(each, 1, SLOW_RUNS);
        System.out.printf(
                Locale.ROOT,
                "scale: listing in process, %s, %s: in SQL p50 %.2f ms; item by item p50 %.1f ms%n",
                caller.role(),
                which,
                inSql.percentile(50),
                eachItem.percentile(50));
        rows.add(new ServerBench.Row(
                "scale, " + caller.role() + ": media listing " + which + " of " + PAGE + " in process, p50 of " + RUNS
                        + " / " + SLOW_RUNS + " (visibility in SQL vs item by item)",
                String.format(Locale.ROOT, "%.2f ms", inSql.percentile(50)),
                String.format(Locale.ROOT, "%.1f ms", eachItem.percentile(50)),
                String.format(Locale.ROOT, "%.0fx faster", eachItem.percentile(50) / inSql.percentile(50)),
                "-"));
    }

    private static Samples time(Listing listing, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            listing.list();
        }
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            if (listing.list() == null) {
                throw new IllegalStateException("no page");
            }
            samples.add((System.nanoTime() - t0) / 1e6);
        }
        return samples;
    }
}
