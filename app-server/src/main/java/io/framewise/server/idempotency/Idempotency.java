package io.framewise.server.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Principal;
import io.framewise.server.db.Database;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.javalin.router.HandlerWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on creating requests ({@link IdempotentRoutes}): a client that got no
 * answer sends the same request again with the same key and gets the first answer back instead of a
 * second note, upload or asset (ADR 0028).
 *
 * <p>The first request with a key runs inside a {@link Database#group}: its writes and its stored
 * answer commit in one transaction, so after a crash either both exist (a repeat replays the
 * answer) or neither does (a repeat runs afresh). Only successful (2xx) answers are kept: handlers
 * check before they change anything, so an error means nothing was created and a repeat may run
 * again. A repeat of a kept answer gets it with {@value #REPLAYED_HEADER}{@code : true}; the same
 * key with another request (method, path or body) answers 422; a repeat while the first still runs
 * answers 409. Keys are per principal and count for {@link #KEEP}.
 *
 * <p>It wraps handlers from inside the {@link io.framewise.server.access.AccessFilter}, after
 * authentication and the route's access rule, so a replay goes only to someone who may still call
 * the route, and only ever to the principal who sent the first request.
 */
public final class Idempotency implements Feature, HandlerWrapper, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    /** The request header. */
    public static final String HEADER = IdempotencyKey.HEADER;

    /** The header on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** How long a key is remembered. */
    public static final Duration KEEP = Duration.ofHours(24);

    /** Answer headers replayed with the body (what creating routes set: where the new thing is). */
    static final List<String> KEPT_HEADERS =
            List.of("Location", "Tus-Resumable", "Upload-Offset", "Upload-Expires", "Upload-Media-Id");

    /** Answers larger than this are not remembered (creating routes answer a few KB). */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    /** The most of an unused streamed body read before answering a repeat (beyond it the connection closes). */
    static final long DISCARD_LIMIT = 256L * 1024 * 1024;

    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    private final Database db;
    private final IdempotencyRepository answers;
    private final IdempotentRoutes routes;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json = Json.newMapper();
    private final ScheduledExecutorService cleaner;

    /** Forgets expired keys now and every hour from then on. */
    public Idempotency(Database db, IdempotencyRepository answers, IdempotentRoutes routes) {
        this.db = db;
        this.answers = answers;
        this.routes = routes;
        forgetExpired();
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idempotency-cleanup");
            t.setDaemon(true);
            return t;
        });
        long every = CLEANUP_EVERY.toMillis();
        cleaner.scheduleWithFixedDelay(this::forgetExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /** Nothing to register: it takes part through the access filter's handler wrapper. */
    @Override
    public void register(JavalinConfig cfg) {}

    @Override
    public Handler wrap(Endpoint endpoint) {
        Optional<IdempotentRoutes.Body> body = routes.find(endpoint.method, endpoint.path);
        if (body.isEmpty()) {
            return endpoint.handler;
        }
        Handler handler = endpoint.handler;
        IdempotentRoutes.Body kind = body.get();
        return ctx -> handle(ctx, kind, handler);
    }

    private void handle(Context ctx, IdempotentRoutes.Body kind, Handler handler) throws Exception {
        String header = ctx.header(HEADER);
        if (header == null || !(Access.principal(ctx) instanceof Principal.Person person)) {
            handler.handle(ctx);
            return;
        }
        IdempotencyKey key = IdempotencyKey.parse(header);
        String principal = "user:" + person.userId();
        String hash = key.hash();
        String fingerprint = key.fingerprint(IdempotentRoutes.requestOf(ctx, kind));
        String slot = principal + "\n" + hash;
        if (!inFlight.add(slot)) {
            discardUnreadBody(ctx, kind);
            ctx.header("Retry-After", "1");
            throw new ApiException.Conflict(
                    "a request with this " + HEADER + " is still being processed; send it again once it has finished",
                    Map.of("header", HEADER, "inProgress", true));
        }
        try {
            long notBefore = db.nowMillis() - KEEP.toMillis();
            Optional<StoredAnswer> stored = answers.find(principal, hash, notBefore);
            if (stored.isPresent()) {
                discardUnreadBody(ctx, kind);
                replay(ctx, key, principal, fingerprint, stored.get());
                return;
            }
            db.group(
                    () -> {
                        handler.handle(ctx);
                        return null;
                    },
                    (result, failure) -> {
                        if (failure == null) {
                            remember(ctx, key, principal, fingerprint, notBefore);
                        }
                    });
        } finally {
            inFlight.remove(slot);
        }
    }

    /**
     * Reads and drops a streamed body that is answered without being used (a repeat or a wait): a
     * server that answers and closes while the client is still sending makes the client's TCP stack
     * drop the answer with a reset, so the client never learns it should wait or that it is done. A
     * client that sent {@code Expect: 100-continue} has not sent the body yet and never will, so
     * nothing is read; past {@link #DISCARD_LIMIT} the connection is closed instead.
     */
    private static void discardUnreadBody(Context ctx, IdempotentRoutes.Body kind) {
        if (kind == IdempotentRoutes.Body.JSON || "100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            return;
        }
        try {
            // InputStream's skip reads until it has skipped that many bytes or the body ends.
            ctx.req().getInputStream().skip(DISCARD_LIMIT);
        } catch (IOException e) {
            LOG.debug("The unread body of {} {} ended early", ctx.method(), ctx.path(), e);
        }
    }

    /** Stores a successful answer in the request's transaction. */
    private void remember(Context ctx, IdempotencyKey key, String principal, String fingerprint, long notBefore) {
        int status = ctx.statusCode();
        if (status < 200 || status > 299) {
            return;
        }
        byte[] answer = capture(ctx);
        if (answer.length > MAX_ANSWER_BYTES) {
            LOG.warn(
                    "Not remembering a {} byte answer to {} {} under its {}",
                    answer.length,
                    ctx.method(),
                    ctx.path(),
                    HEADER);
            return;
        }
        StoredAnswer row = new StoredAnswer(
                fingerprint, status, key.seal(answer, principal), Instant.ofEpochMilli(db.nowMillis()));
        if (!answers.store(principal, key.hash(), row, notBefore)) {
            // Another node finished a request with this key first: this one's change is rolled back.
            throw new ApiException.Conflict(
                    "another request with this " + HEADER + " finished first; send it again to get its answer",
                    Map.of("header", HEADER));
        }
    }

    private void replay(Context ctx, IdempotencyKey key, String principal, String fingerprint, StoredAnswer stored) {
        if (!fingerprint.equals(stored.fingerprint())) {
            throw new ApiException.Invalid(
                    "this " + HEADER + " was already used for a different request (another method, path or body)"
                            + "; use a new key for a new request",
                    Map.of("header", HEADER));
        }
        Answer answer;
        try {
            answer = json.readValue(key.open(stored.sealed(), principal), Answer.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored answer for an " + HEADER + " cannot be read", e);
        }
        ctx.status(stored.status());
        answer.headers().forEach(ctx::header);
        if (answer.contentType() != null) {
            ctx.contentType(answer.contentType());
        }
        ctx.header(REPLAYED_HEADER, "true");
        if (answer.body() != null) {
            ctx.result(answer.body());
        }
        LOG.debug("Replayed the answer to {} {} for its {}", ctx.method(), ctx.path(), HEADER);
    }

    /** The answer's headers and body as the handler left them (reading the body keeps it for sending). */
    private byte[] capture(Context ctx) {
        HttpServletResponse res = ctx.res();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = res.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        try {
            return json.writeValueAsString(new Answer(headers, res.getContentType(), ctx.result()))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is sealed and kept of an answer besides its status. */
    record Answer(Map<String, String> headers, String contentType, String body) {}

    private void forgetExpired() {
        try {
            int gone = answers.deleteOlderThan(db.nowMillis() - KEEP.toMillis());
            if (gone > 0) {
                LOG.info("Forgot {} idempotency key(s) older than {} hours", gone, KEEP.toHours());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not forget expired idempotency keys: {}", e.toString());
        }
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
    }
}
