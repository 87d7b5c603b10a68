package io.framewise.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A note created over REST reaching 500 clients subscribed to its media item over WebSocket,
 * timed per client from just before the POST is sent to the moment the client has the event; against
 * the obvious alternative without a push channel: the same 500 clients polling
 * {@code GET /api/media/{id}/comments} once a second, timed the same way to the poll that first shows
 * the note.
 */
final class WsBench {

    static final int CLIENTS = 500;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 20;
    private static final int POLL_ROUNDS = 10;
    private static final long POLL_INTERVAL_MS = 1000;
    private static final int HTTP_CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The note being delivered: which round, when its POST left, how many clients still wait. */
    private final HttpClient rest = http();

    private final List<HttpClient> clients = new ArrayList<>();

    WsBench() {
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            clients.add(http());
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    void run(ServerProcess server, BenchLibrary library, List<ServerBench.Row> rows) throws Exception {
        Samples ws = webSockets(server, library.liveId);
        Samples polls = new Samples();
        double pollRate = polling(server, library.liveId, polls);
        System.out.printf(
                Locale.ROOT,
                "ws: %d deliveries p50 %.1f ms p99 %.1f ms; polling: %d deliveries p50 %.1f ms p99 %.1f ms at %.0f req/s%n",
                ws.count(),
                ws.percentile(50),
                ws.percentile(99),
                polls.count(),
                polls.percentile(50),
                polls.percentile(99),
                pollRate);
        rows.add(new ServerBench.Row(
                "note broadcast to " + CLIENTS + " subscribers, delivery p50 / p99 (" + ROUNDS
                        + " notes; alternative: polling the notes every 1 s)",
                String.format(Locale.ROOT, "%.1f / %.1f ms", ws.percentile(50), ws.percentile(99)),
                String.format(
                        Locale.ROOT,
                        "%.0f / %.0f ms (%.0f req/s)",
                        polls.percentile(50),
                        polls.percentile(99),
                        pollRate),
                String.format(Locale.ROOT, "%.0fx faster (p50)", polls.percentile(50) / ws.percentile(50)),
                "-"));
    }

    private Samples webSockets(ServerProcess server, String mediaId) throws Exception {
        Samples samples = new Samples();
        AtomicReference<NoteEvents.Round> current =
                new AtomicReference<>(new NoteEvents.Round(Integer.MIN_VALUE, 0, new CountDownLatch(0)));
        List<WebSocket> sockets = new ArrayList<>();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/api/ws?name=");
        try {
            for (int start = 0; start < CLIENTS; start += 50) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(CLIENTS, start + 50); i++) {
                    NoteEvents.Subscriber s = new NoteEvents.Subscriber(mediaId, "ws-bench", current, samples);
                    batch.add(clients.get(i % HTTP_CLIENTS)
                            .newWebSocketBuilder()
                            .buildAsync(URI.create(uri + "bench" + i), s)
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
                        rest, server.uri("/api/media/" + mediaId + "/comments"), NoteEvents.text("ws-bench", r));
                if (!round.pending().await(30, TimeUnit.SECONDS)) {
                    throw new IOException(round.pending().getCount() + " clients never got note round " + r);
                }
                ServerBench.pause(100);
            }
            return samples;
        } finally {
            for (WebSocket socket : sockets) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }

    /** Returns the poll requests per second the server answered while the notes were delivered. */
    private double polling(ServerProcess server, String mediaId, Samples samples) throws Exception {
        Map<Integer, NoteEvents.Round> rounds = new ConcurrentHashMap<>();
        AtomicLong requests = new AtomicLong();
        URI list = server.uri("/api/media/" + mediaId + "/comments");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Random random = new Random(3);
        try {
            for (int i = 0; i < CLIENTS; i++) {
                HttpClient http = clients.get(i % HTTP_CLIENTS);
                BitSet seen = new BitSet();
                AtomicBoolean inFlight = new AtomicBoolean();
                Runnable poll = () -> {
                    if (!inFlight.compareAndSet(false, true)) {
                        return;
                    }
                    http.sendAsync(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
                            .whenComplete((response, error) -> {
                                inFlight.set(false);
                                if (error != null || response.statusCode() != 200) {
                                    return;
                                }
                                requests.incrementAndGet();
                                long now = System.nanoTime();
                                String body = response.body();
                                synchronized (seen) {
                                    for (NoteEvents.Round round : rounds.values()) {
                                        if (!seen.get(round.number())
                                                && body.contains(NoteEvents.text("poll-bench", round.number()))) {
                                            seen.set(round.number());
                                            samples.add((now - round.sentNanos()) / 1e6);
                                            round.pending().countDown();
                                        }
                                    }
                                }
                            });
                };
                timer.scheduleAtFixedRate(
                        poll, random.nextInt((int) POLL_INTERVAL_MS), POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
            ServerBench.pause(2 * POLL_INTERVAL_MS);
            long firstRequests = requests.get();
            long t0 = System.nanoTime();
            for (int r = 0; r < POLL_ROUNDS; r++) {
                NoteEvents.Round round = new NoteEvents.Round(r, System.nanoTime(), new CountDownLatch(CLIENTS));
                rounds.put(r, round);
                NoteEvents.post(
                        rest, server.uri("/api/media/" + mediaId + "/comments"), NoteEvents.text("poll-bench", r));
                if (!round.pending().await(30, TimeUnit.SECONDS)) {
                    throw new IOException(round.pending().getCount() + " pollers never saw note round " + r);
                }
                ServerBench.pause(100 + random.nextInt(400));
            }
            return (requests.get() - firstRequests) / ((System.nanoTime() - t0) / 1e9);
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
