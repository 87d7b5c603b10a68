package io.framewise.server.cluster;

import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.db.Ids;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of several nodes on one PostgreSQL database: LISTEN/NOTIFY on channel {@value #CHANNEL}.
 *
 * <p>A notification reads {@code node|topic|i|payload}, or {@code node|topic|r|id} when the payload
 * would not fit NOTIFY's 8000 bytes: then the payload waits in {@code cluster_messages} (V23) and
 * the receiver reads it by id. A node skips its own notifications, because it delivered locally.
 *
 * <p>One thread listens on a dedicated connection ({@link PGConnection#getNotifications(int)}); when
 * that connection drops it reconnects with a growing backoff and, once listening again, runs the gap
 * actions, since whatever was sent meanwhile is lost. Publishing runs on one other thread and
 * connection, so callers never wait and one node's messages keep their order.
 */
public final class PostgresBus implements ClusterBus {

    /** The NOTIFY channel every node of one database shares. */
    public static final String CHANNEL = "framewise_cluster";

    /** Bytes a NOTIFY payload may have (PostgreSQL's limit is 8000, less a margin). */
    static final int MAX_INLINE_BYTES = 7900;

    /** How long a large message waits in the table for slow readers before it is swept. */
    static final Duration KEEP_LARGE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBus.class);
    private static final Pattern TOPIC = Pattern.compile(TOPIC_SHAPE);
    private static final int POLL_MILLIS = 500;
    private static final long CHECK_IDLE_MILLIS = 5_000;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long FIRST_LISTEN_WAIT_MILLIS = 10_000;

    private final DatabaseLocation.Postgres location;
    private final String nodeId;
    private final Clock clock;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> gapActions = new CopyOnWriteArrayList<>();
    private final ExecutorService publisher;
    private final Thread listener;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private Connection publishing;

    private PostgresBus(DatabaseLocation.Postgres location, Clock clock) {
        this.location = Objects.requireNonNull(location, "location");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Per process, not per data folder: two processes started on one folder by mistake must
        // still hear each other.
        this.nodeId = Ids.newId();
        this.publisher = Executors.newSingleThreadExecutor(r -> daemon(r, "framewise-bus-publish"));
        this.listener = daemon(this::listen, "framewise-bus-listen");
    }

    /**
     * Connects and starts listening; returns once it listens (or, when the database does not answer
     * within ten seconds, while it keeps trying).
     */
    public static PostgresBus start(DatabaseLocation.Postgres location, Clock clock) {
        PostgresBus bus = new PostgresBus(location, clock);
        bus.listener.start();
        try {
            if (!bus.firstListen.await(FIRST_LISTEN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Not yet listening for other nodes' events on {}; still trying", location.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bus;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(String topic, String payload) {
        requireTopic(topic);
        Objects.requireNonNull(payload, "payload");
        if (closed) {
            return;
        }
        publisher.execute(() -> send(topic, payload));
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        requireTopic(topic);
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(Objects.requireNonNull(handler));
    }

    @Override
    public void onGap(Runnable action) {
        gapActions.add(Objects.requireNonNull(action));
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        publisher.shutdown();
        try {
            publisher.awaitTermination(5, TimeUnit.SECONDS);
            listener.join(2 * POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(publishing);
    }

    private static void requireTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("a bus topic is " + TOPIC_SHAPE + ", got " + topic);
        }
    }

    // ---- publishing (one thread) ----

    private void send(String topic, String payload) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                if (publishing == null || publishing.isClosed()) {
                    publishing = connect("framewise-bus-publish");
                }
                String inline = nodeId + '|' + topic + "|i|" + payload;
                if (inline.getBytes(StandardCharsets.UTF_8).length <= MAX_INLINE_BYTES) {
                    notify(publishing, inline);
                } else {
                    notify(publishing, nodeId + '|' + topic + "|r|" + storeLarge(publishing, topic, payload));
                }
                return;
            } catch (SQLException e) {
                closeQuietly(publishing);
                publishing = null;
                if (attempt == 2 || closed) {
                    LOG.error("Could not tell the other nodes about a {} message", topic, e);
                }
            }
        }
    }

    private static void notify(Connection c, String text) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, text);
            s.execute();
        }
    }

    private String storeLarge(Connection c, String topic, String payload) throws SQLException {
        String id = Ids.newId();
        long now = clock.millis();
        try (PreparedStatement sweep = c.prepareStatement("DELETE FROM cluster_messages WHERE created_at < ?");
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO cluster_messages (id, topic, payload, created_at) VALUES (?, ?, ?, ?)")) {
            sweep.setLong(1, now - KEEP_LARGE.toMillis());
            sweep.executeUpdate();
            insert.setString(1, id);
            insert.setString(2, topic);
            insert.setString(3, payload);
            insert.setLong(4, now);
            insert.executeUpdate();
        }
        return id;
    }

    // ---- listening (one thread) ----

    private void listen() {
        long backoff = MIN_BACKOFF_MILLIS;
        boolean listenedBefore = false;
        while (!closed) {
            try (Connection c = connect("framewise-bus-listen")) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                firstListen.countDown();
                if (listenedBefore) {
                    LOG.info("Listening for other nodes again; clients resynchronise");
                    gapActions.forEach(PostgresBus::runGuarded);
                }
                listenedBefore = true;
                backoff = MIN_BACKOFF_MILLIS;
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Lost the connection that hears other nodes ({}); retrying in {} ms", e.toString(), backoff);
                try {
                    if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!closed) {
            PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
            if (notes != null && notes.length > 0) {
                for (PGNotification n : notes) {
                    handle(c, n.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(CHECK_IDLE_MILLIS)) {
                // A connection that died without a word would otherwise look quiet forever.
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void handle(Connection c, String notification) throws SQLException {
        String[] parts = notification.split("\\|", 4);
        if (parts.length != 4 || parts[0].equals(nodeId)) {
            return;
        }
        List<Consumer<String>> of = handlers.get(parts[1]);
        if (of == null) {
            return;
        }
        String payload = parts[3];
        if ("r".equals(parts[2])) {
            payload = readLarge(c, payload);
            if (payload == null) {
                LOG.warn("A large {} message was swept before it was read", parts[1]);
                return;
            }
        }
        for (Consumer<String> handler : of) {
            String p = payload;
            runGuarded(() -> handler.accept(p));
        }
    }

    private static String readLarge(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM cluster_messages WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    // ---- plumbing ----

    private Connection connect(String purpose) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(location.jdbcUrl());
        ds.setUser(location.user());
        ds.setPassword(location.password());
        ds.setApplicationName(purpose + "-" + nodeId);
        ds.setConnectTimeout(10);
        ds.setTcpKeepAlive(true);
        Connection c = ds.getConnection();
        c.setAutoCommit(true);
        return c;
    }

    private static void runGuarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cluster message handler failed", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already broken; nothing left to release.
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
