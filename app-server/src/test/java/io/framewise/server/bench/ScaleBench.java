package io.framewise.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The library at scale ({@link ScaleLibrary}: 10 000 assets, a million notes, 200 people, 50
 * projects) served by the real server, measured over HTTP as three people use it: an administrator,
 * a member of three projects, a reviewer of one. For each: a folder page as the web library loads it,
 * the first and the last page of {@code GET /api/media}, the review page's data (asset, media item,
 * its notes, frame map summary, loaded one after the other as the web review page does) and one
 * media item. Side by side, {@link ScaleListing} times the media listing in process with visibility
 * decided in SQL and with the per-item check the server falls back to when an organizer takes part in
 * access decisions.
 */
final class ScaleBench {

    private static final int WARMUP = 20;
    private static final int REQUESTS = 200;
    private static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Path work;

    ScaleBench(Path work) {
        this.work = work;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        Path dataDir = work.resolve("scale-data");
        ServerBench.deleteTree(dataDir);
        try {
            System.out.println("scale: writing the library...");
            long t0 = System.nanoTime();
            ScaleLibrary library = ScaleLibrary.create(dataDir);
            System.out.printf(
                    Locale.ROOT,
                    "scale: %d media items, %d notes, %d projects, %d people in %.1f s%n",
                    library.mediaCount,
                    library.noteCount,
                    ScaleLibrary.PROJECTS,
                    ScaleLibrary.USERS,
                    (System.nanoTime() - t0) / 1e9);
            new ScaleListing(library).run(rows);
            try (ServerProcess server =
                    ServerProcess.start(dataDir, "1g", work.resolve("scale-server.log"), List.of("--auth", "local"))) {
                for (ScaleLibrary.Caller caller : library.callers) {
                    measure(server, library, caller, rows);
                }
            }
        } finally {
            ServerBench.deleteTree(dataDir);
        }
    }

    private void measure(
            ServerProcess server, ScaleLibrary library, ScaleLibrary.Caller caller, List<ServerBench.Row> rows)
            throws Exception {
        Client c = new Client(server, caller.token());
        String deep = checkListing(c, caller);
        List<Integer> projects = new ArrayList<>();
        for (String p : caller.projects()) {
            projects.add(library.projectIds.indexOf(p));
        }
        int[] i = {0};
        row(rows, caller, "folder page: a reel of 110 assets", 50, () -> {
            int p = projects.get(i[0]++ % projects.size());
            String path = "/projects/" + library.projectIds.get(p) + "/"
                    + library.folderIds.get(p).get(0);
            JsonNode page = c.json("/api/folders?pageSize=1000&path=" + path);
            expect(
                    page.get("assets").size() == 110,
                    "a busy reel shows 110 assets: " + page.get("assets").size());
        });
        row(rows, caller, "folder page: a reel of 10 assets", 50, () -> {
            int p = projects.get(i[0]++ % projects.size());
            String path = "/projects/" + library.projectIds.get(p) + "/"
                    + library.folderIds.get(p).get(1 + i[0] % 9);
            c.json("/api/folders?pageSize=1000&path=" + path);
        });
        row(rows, caller, "folder page: the projects", 50, () -> {
            JsonNode page = c.json("/api/folders?pageSize=1000&path=/projects");
            expect(page.get("folders").size() == caller.projects().size(), "projects listed");
        });
        row(
                rows,
                caller,
                "GET /api/media?limit=" + PAGE + ": first page",
                -1,
                () -> c.json("/api/media?limit=" + PAGE));
        row(
                rows,
                caller,
                "GET /api/media?limit=" + PAGE + ": last page",
                -1,
                () -> c.json("/api/media?limit=" + PAGE + "&after=" + deep));
        row(rows, caller, "review page data (asset, media, its 100 notes, frame map)", 100, () -> {
            int p = projects.get(i[0] % projects.size());
            int a = (i[0]++ * 7) % ScaleLibrary.ASSETS_PER_PROJECT;
            String media = library.mediaIds.get(p).get(a);
            c.json("/api/assets/" + library.assetIds.get(p).get(a));
            c.json("/api/media/" + media);
            JsonNode notes = c.json("/api/media/" + media + "/comments");
            expect(notes.get("items").size() == ScaleLibrary.NOTES_PER_MEDIA, "every note of the media");
            c.json("/api/media/" + media + "/framemap");
        });
        row(rows, caller, "GET /api/media/{id}", 5, () -> {
            int p = projects.get(i[0] % projects.size());
            c.json("/api/media/" + library.mediaIds.get(p).get((i[0]++ * 13) % ScaleLibrary.ASSETS_PER_PROJECT));
        });
    }

    /**
     * Walks every page of {@code GET /api/media} once, checking the caller sees exactly as many items
     * as the library gives them, none twice; returns the cursor of the last page.
     */
    private static String checkListing(Client c, ScaleLibrary.Caller caller) throws Exception {
        Set<String> seen = new HashSet<>();
        String after = null;
        String last = null;
        do {
            JsonNode page = c.json("/api/media?limit=" + PAGE + (after == null ? "" : "&after=" + after));
            expect(page.get("total").asInt() == caller.visibleMedia(), caller.role() + " total " + page.get("total"));
            page.get("items").forEach(item -> expect(seen.add(item.get("id").asText()), "listed twice"));
            last = after;
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        expect(seen.size() == caller.visibleMedia(), caller.role() + " saw " + seen.size());
        return last;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void row(
            List<ServerBench.Row> rows, ScaleLibrary.Caller caller, String what, double goalP95, Work work)
            throws Exception {
        for (int k = 0; k < WARMUP; k++) {
            work.run();
        }
        Samples samples = new Samples();
        for (int k = 0; k < REQUESTS; k++) {
            long t0 = System.nanoTime();
            work.run();
            samples.add((System.nanoTime() - t0) / 1e6);
        }
        double p50 = samples.percentile(50);
        double p95 = samples.percentile(95);
        System.out.printf(Locale.ROOT, "scale: %s, %s: p50 %.1f p95 %.1f ms%n", caller.role(), what, p50, p95);
        rows.add(new ServerBench.Row(
                "scale, " + caller.role() + ": " + what + ", p50 / p95 of " + REQUESTS,
                String.format(Locale.ROOT, "%.1f / %.1f ms", p50, p95),
                "-",
                "-",
                goalP95 < 0
                        ? "-"
                        : String.format(
                                Locale.ROOT, "p95 < %.0f ms%s", goalP95, p95 < goalP95 ? " (met)" : " (missed)")));
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("scale bench: unexpected answer: " + what);
        }
    }

    /** One person's HTTP client, with their API token. */
    private final class Client {
        private final ServerProcess server;
        private final String token;

        Client(ServerProcess server, String token) {
            this.server = server;
            this.token = token;
        }

        JsonNode json(String path) throws Exception {
            URI uri = server.uri(path);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }
}
