package io.framewise.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.time.FrameRate;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.Ids;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.testing.PostgresCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Note fan-out across server nodes: a note made over REST reaching 500 WebSocket clients subscribed to
 * its media item, timed per client from just before the POST to the moment the client has the event.
 * Side by side on one throwaway PostgreSQL cluster: 500 clients on one node, and 500 clients spread
 * over three nodes (in this JVM, each on its own port and data folder) with the notes posted through
 * each node in turn, so two thirds of the deliveries cross LISTEN/NOTIFY.
 */
final class FanoutBench {

    static final int CLIENTS = 500;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final HttpClient rest = http();
    private final List<HttpClient> socketClients = List.of(http(), http(), http(), http());

    FanoutBench(Path work) {
        this.work = work;
    }

    private static HttpClient http() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        if (!PostgresCluster.available()) {
            rows.add(ServerBench.Row.skipped("note fan-out over nodes", "PostgreSQL's server programs are missing"));
            return;
        }
        try (PostgresCluster cluster = PostgresCluster.start()) {
            Samples one = measure(cluster.newDatabase("fanout_one"), 1, "one");
            Samples three = measure(cluster.newDatabase("fanout_three"), 3, "three");
            System.out.printf(
                    Locale.ROOT,
                    "fanout: one node p50 %.1f ms p99 %.1f ms; three nodes p50 %.1f ms p99 %.1f ms (%d / %d deliveries)%n",
                    one.percentile(50),
                    one.percentile(99),
                    three.percentile(50),
                    three.percentile(99),
                    one.count(),
                    three.count());
            rows.add(new ServerBench.Row(
                    "note fan-out to " + CLIENTS + " WebSocket clients on 3 nodes, delivery p50 / p99 (" + ROUNDS
                            + " notes posted through each node in turn; alternative: the " + CLIENTS
                            + " on 1 node, same PostgreSQL)",
                    String.format(Locale.ROOT, "%.1f / %.1f ms", three.percentile(50), three.percentile(99)),
                    String.format(Locale.ROOT, "%.1f / %.1f ms", one.percentile(50), one.percentile(99)),
                    String.format(
                            Locale.ROOT,
                            "%.2fx / %.2fx the one-node time",
                            three.percentile(50) / one.percentile(50),
                            three.percentile(99) / one.percentile(99)),
                    "-"));
        }
    }

    private Samples measure(DatabaseLocation.Postgres database, int nodeCount, String name) throws Exception {
        List<FramewiseServer> nodes = new ArrayList<>();
        Samples samples = new Samples();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < nodeCount; i++) {
                Path data = work.resolve("fanout-" + name + "-" + i);
                ServerBench.deleteTree(data);
                nodes.add(FramewiseServer.start(ServerConfig.defaults(data)
                        .withDatabase(database)
                        .withPort(0)
                        .withWorkers(1)));
            }
            String mediaId = readyMedia(nodes.get(0));
            // One request per node first: without accounts the first request makes the local user,
            // and 500 first requests at once on PostgreSQL race to make it.
            for (FramewiseServer node : nodes) {
                rest.send(
                        HttpRequest.newBuilder(node.baseUri().resolve("/api/media/" + mediaId + "/comments"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            AtomicReference<NoteEvents.Round> current =
                    new AtomicReference<>(new NoteEvents.Round(Integer.MIN_VALUE, 0, new CountDownLatch(0)));
            for (int start = 0; start < CLIENTS; start += 50) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(CLIENTS, start + 50); i++) {
                    NoteEvents.Subscriber s = new NoteEvents.Subscriber(mediaId, "fanout", current, samples);
                    URI uri = URI.create(
                            "ws://127.0.0.1:" + nodes.get(i % nodeCount).port() + "/api/ws?name=fan" + i);
                    batch.add(socketClients
                            .get(i % socketClients.size())
                            .newWebSocketBuilder()
                            .buildAsync(uri, s)
                            .thenCompose(socket -> s.subscribed.thenApply(x -> socket)));
                }
                for (CompletableFuture<WebSocket> f : batch) {
                    sockets.add(f.get(30, TimeUnit.SECONDS));
                }
            }
            for (int r = -WARMUP_ROUNDS; r < ROUNDS; r++) {
                NoteEvents.Round round = new NoteEvents.Round(r, System.nanoTime(), new CountDownLatch(CLIENTS));
                current.set(round);
                NoteEvents.post(
                        rest,
                        nodes.get(Math.floorMod(r, nodeCount)).baseUri().resolve("/api/media/" + mediaId + "/comments"),
                        NoteEvents.text("fanout", r));
                if (!round.pending().await(30, TimeUnit.SECONDS)) {
                    throw new IOException(round.pending().getCount() + " clients never got note round " + r);
                }
                ServerBench.pause(100);
            }
            return samples;
        } finally {
            for (WebSocket socket : sockets) {
                socket.abort();
            }
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    /** A media item ready for review with 250 frames (no file: notes do not read it). */
    private static String readyMedia(FramewiseServer s) {
        String id = Ids.newId();
        s.repositories().media().create(new NewMediaItem(id, "shot.mov", "media/" + id + "/shot.mov", 4, null));
        s.repositories()
                .media()
                .setProbe(
                        id,
                        new ProbeSummary(
                                250, FrameRate.FPS_25, "01:00:00:00", false, 640, 360, 10_000_000, true, "{}"));
        s.repositories().media().markReady(id);
        return id;
    }
}
