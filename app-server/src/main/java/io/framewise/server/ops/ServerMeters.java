package io.framewise.server.ops;

import io.framewise.server.db.Database;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JobRepository.QueueStats;
import io.framewise.server.jobs.JobState;
import io.framewise.server.ws.WsGateway;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's meters in one Micrometer registry, written out in the Prometheus text format: HTTP
 * requests (method, route template, status class) and their latency, the job queue (depth, age of
 * the oldest queued job, jobs per state), WebSocket clients, live sessions, the database's
 * connections, and the JVM.
 *
 * <p>The job queue is read once per scrape (one grouped query through {@link JobRepository}), not
 * once per gauge and not in the background: an idle node with no scraper costs nothing.
 */
public final class ServerMeters {

    /** Route label of requests no route matched (404s): never the raw path, which any client can vary. */
    static final String UNMATCHED = "unmatched";

    /** Set by a before-handler that answered itself, where no endpoint ran to be matched. */
    static final String ROUTE_ATTRIBUTE = "framewise.metrics.route";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JobRepository jobs;
    private final Clock clock;
    private final AtomicReference<QueueStats> queue;

    public ServerMeters(Database db, JobRepository jobs, WsGateway gateway) {
        this.jobs = jobs;
        this.clock = db.clock();
        Map<JobState, Long> none = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            none.put(state, 0L);
        }
        this.queue = new AtomicReference<>(new QueueStats(none, java.util.Optional.empty()));
        for (JobState state : JobState.values()) {
            Gauge.builder("framewise.jobs", queue, q -> q.get().perState().getOrDefault(state, 0L))
                    .description("Jobs in the shared queue, by state")
                    .tag("state", state.wire())
                    .register(registry);
        }
        Gauge.builder("framewise.jobs.queue.depth", queue, q -> q.get()
                        .perState()
                        .getOrDefault(JobState.QUEUED, 0L))
                .description("Jobs waiting for a worker (any node)")
                .register(registry);
        Gauge.builder("framewise.jobs.queue.oldest.age", queue, this::oldestAgeSeconds)
                .description("How long the oldest queued job has waited (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("framewise.websocket.clients", gateway, WsGateway::connectionCount)
                .description("WebSocket clients connected to this node")
                .register(registry);
        Gauge.builder("framewise.live.sessions", gateway, WsGateway::sessionCount)
                .description("Live review sessions held on this node")
                .register(registry);
        db.bindMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Counts a finished request under its route template ({@code /api/media/{id}}), so ids in paths
     * do not make a new series each.
     */
    void request(Context ctx, float millis) {
        Timer.builder("framewise.http.requests")
                .description("HTTP requests by method, route template and status class")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", ctx.statusCode() / 100 + "xx")
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        String answeredBefore = ctx.attribute(ROUTE_ATTRIBUTE);
        if (answeredBefore != null) {
            return answeredBefore;
        }
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? UNMATCHED : endpoint.path;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }

    /** Reads the job queue, then writes every meter in the Prometheus text format. */
    String scrape() {
        queue.set(jobs.stats());
        return registry.scrape();
    }

    private double oldestAgeSeconds(AtomicReference<QueueStats> q) {
        return q.get()
                .oldestQueued()
                .map(t -> Math.max(0, Duration.between(t, Instant.now(clock)).toMillis() / 1000.0))
                .orElse(0.0);
    }

    /** Adds another source's meters (the media store's error counts) to this node's registry. */
    public ServerMeters bind(io.micrometer.core.instrument.binder.MeterBinder source) {
        source.bindTo(registry);
        return this;
    }
}
