package io.framewise.server.testing;

import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Caller;
import io.framewise.server.access.JooqAccessFacts;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.db.Database;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.JooqEventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.jobs.JooqJobRepository;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.upload.FileNames;
import io.framewise.server.upload.ReceivedFile;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The service tier's world: a real SQLite database in a temporary folder with the real repositories,
 * authorization and audit log, and no HTTP. What the services publish is collected in {@link
 * #published}; the tables are read back with plain SQL on the database file.
 */
public final class ServiceFixture implements AutoCloseable {

    public final Path data;
    public final Database db;
    public final JooqMediaRepository media;
    public final JooqJobRepository jobs;
    public final JooqEventRepository feed;
    public final JooqProjectRepository projects;
    public final JooqAssetRepository assets;
    public final JooqUserRepository users;
    public final MediaFiles files;
    public final Permissions permissions;
    public final List<LibraryEvent> published = new CopyOnWriteArrayList<>();
    /** Runs on the publishing thread before an event is collected (tests look at the database then). */
    public volatile Consumer<LibraryEvent> onPublish = e -> {};

    public ServiceFixture(Path data) {
        this.data = data;
        db = Database.open(data);
        media = new JooqMediaRepository(db);
        jobs = new JooqJobRepository(db);
        feed = new JooqEventRepository(db);
        projects = new JooqProjectRepository(db);
        assets = new JooqAssetRepository(db);
        users = new JooqUserRepository(db);
        files = new MediaFiles(data);
        permissions = new Permissions(new Authorizer(new JooqAccessFacts(db)), new AuditLog(db));
    }

    /** The sink over the real feed, publishing into {@link #published}. */
    public DomainEvents events() {
        return events(feed);
    }

    /** The sink over {@code feed} (a test may hand one that fails), publishing into {@link #published}. */
    public DomainEvents events(EventRepository feed) {
        return new DomainEvents(
                feed,
                db,
                e -> {
                    onPublish.accept(e);
                    published.add(e);
                },
                note -> {});
    }

    /** The administrator of auth mode none, as services see them. */
    public Caller admin() {
        User local = users.localUser();
        return new Caller(
                new Principal.Person(local.id(), local.name(), local.displayName(), true, Principal.Credential.local()),
                "127.0.0.1");
    }

    /** A signed-in person who is no administrator and belongs to no project yet. */
    public Caller person(String name) {
        User user = users.findByName(name).orElseGet(() -> users.create(name, name));
        return new Caller(
                new Principal.Person(user.id(), user.name(), user.displayName(), false, Principal.Credential.local()),
                "127.0.0.2");
    }

    /** A signed-in person who owns a project of their own, "NAME's team", so they may upload. */
    public Caller owner(String name) {
        Caller caller = person(name);
        projects.create(name + "'s team", caller.person().userId());
        return caller;
    }

    /** A file as the upload receiver leaves it: a copy of {@code source} in the uploads folder. */
    public ReceivedFile received(Path source, String name) {
        try {
            Path dir = Files.createDirectories(data.resolve("uploads"));
            Path copy = Files.createTempFile(dir, "upload-", ".part");
            Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            byte[] bytes = Files.readAllBytes(copy);
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new ReceivedFile(copy, name, FileNames.sanitize(name), bytes.length, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small file of made-up bytes to take in (ingest does not look inside). */
    public ReceivedFile received(String name) {
        try {
            Path source = Files.createTempFile(data, "source-", ".bin");
            Files.write(source, ("not really " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return received(source, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many rows {@code sql} (a {@code SELECT COUNT(*) ...} with {@code ?} parameters) counts. */
    public long count(String sql, Object... params) {
        return Long.parseLong(column(sql, params).get(0));
    }

    /**
     * The kinds of an item's jobs in the order they were queued. SQLite breaks ties of the same
     * millisecond by insertion order (rowid); PostgreSQL has no insertion order, so there the kinds
     * come sorted, and {@link #queueOrder} sorts the expected list the same way.
     */
    public List<String> jobKinds(String mediaId) {
        return column(
                "SELECT kind FROM jobs WHERE media_id = ? ORDER BY " + (db.isPostgres() ? "kind" : "created_at, rowid"),
                mediaId);
    }

    /** {@code kinds} as {@link #jobKinds} can tell them apart on this database. */
    public List<String> queueOrder(List<String> kinds) {
        return db.isPostgres() ? kinds.stream().sorted().toList() : kinds;
    }

    /** The first column of every row {@code sql} returns, as text, read with plain JDBC on the file. */
    public List<String> column(String sql, Object... params) {
        try (Connection c = DirectSql.connect(db.location());
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * {@code real} with one method replaced by a failure, to inject one between two writes of a unit
     * of work (e.g. a {@link JobRepository} whose {@code enqueue} throws).
     */
    public static <T> T failing(Class<T> type, T real, String method, RuntimeException failure) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                throw failure;
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @Override
    public void close() {
        db.close();
    }
}
