package io.framewise.server;

import io.framewise.server.auth.AuthSettings;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.hls.HlsPolicy;
import io.framewise.server.http.PublicAddresses;
import io.framewise.server.jobs.ScenePolicy;
import io.framewise.server.organizer.OrganizerSettings;
import io.framewise.server.storage.StorageSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the server needs to start, validated up front so a bad setting fails at launch with a
 * sentence rather than later with a stack trace.
 *
 * @param dataDir the data folder (library, database, uploads); created when missing
 * @param host the address to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all interfaces)
 * @param port the TCP port, or 0 for any free port (tests, the desktop host mode)
 * @param workers how many background processing workers run (probe, frame map, proxies)
 * @param maxUploadBytes the largest accepted upload body, in bytes
 * @param minFreeDiskBytes uploads are refused (507) when they would leave less free disk than this
 * @param auth who decides identity ({@code none} by default: one local user, loopback only)
 * @param organizers the external organizer plugins to run, and how long to wait for them
 * @param stillsCacheBytes the most disk the cache of frame stills may take; least recently used
 *     stills are deleted beyond it (they are made again when asked for)
 * @param addresses the public URLs and extra host names browsers reach the server by (beyond
 *     loopback, IP addresses and this machine's name)
 * @param hls which media also get an HLS ladder (long or high-bitrate ones)
 * @param scenes which videos get their scene cuts detected as suggested markers (long ones)
 * @param database where the library's database lives (SQLite in the data folder by default, or a
 *     PostgreSQL server shared by several nodes)
 * @param storage where the durable copy of media files lives (the data folder by default, or a
 *     shared folder or S3 bucket that several nodes use) and how much of it a node keeps locally
 */
public record ServerConfig(
        Path dataDir,
        String host,
        int port,
        int workers,
        long maxUploadBytes,
        long minFreeDiskBytes,
        AuthSettings auth,
        OrganizerSettings organizers,
        long stillsCacheBytes,
        PublicAddresses addresses,
        HlsPolicy hls,
        ScenePolicy scenes,
        DatabaseLocation database,
        StorageSettings storage) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8642;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 64L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 1024L * 1024 * 1024;
    public static final long DEFAULT_STILLS_CACHE_BYTES = 1024L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be between 1 and 64, was " + workers);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive, was " + maxUploadBytes);
        }
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("minFreeDiskBytes must not be negative, was " + minFreeDiskBytes);
        }
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(organizers, "organizers");
        if (stillsCacheBytes < 0) {
            throw new IllegalArgumentException("stillsCacheBytes must not be negative, was " + stillsCacheBytes);
        }
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(hls, "hls");
        Objects.requireNonNull(scenes, "scenes");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(storage, "storage");
    }

    /** A configuration with the default stills cache, addresses and HLS thresholds. */
    public ServerConfig(
            Path dataDir,
            String host,
            int port,
            int workers,
            long maxUploadBytes,
            long minFreeDiskBytes,
            AuthSettings auth,
            OrganizerSettings organizers) {
        this(
                dataDir,
                host,
                port,
                workers,
                maxUploadBytes,
                minFreeDiskBytes,
                auth,
                organizers,
                DEFAULT_STILLS_CACHE_BYTES,
                PublicAddresses.none(),
                HlsPolicy.DEFAULT,
                ScenePolicy.DEFAULT,
                DatabaseLocation.defaultFor(dataDir),
                StorageSettings.defaultFor(dataDir));
    }

    /** A configuration without external organizers. */
    public ServerConfig(
            Path dataDir,
            String host,
            int port,
            int workers,
            long maxUploadBytes,
            long minFreeDiskBytes,
            AuthSettings auth) {
        this(dataDir, host, port, workers, maxUploadBytes, minFreeDiskBytes, auth, OrganizerSettings.none());
    }

    /** A configuration without accounts (auth mode {@code none}). */
    public ServerConfig(Path dataDir, String host, int port, int workers, long maxUploadBytes, long minFreeDiskBytes) {
        this(dataDir, host, port, workers, maxUploadBytes, minFreeDiskBytes, AuthSettings.none());
    }

    /** The defaults for a data folder: loopback, port 8642, two workers, 64 GiB uploads, 1 GiB reserve. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(
                dataDir,
                DEFAULT_HOST,
                DEFAULT_PORT,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)),
                DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_MIN_FREE_DISK_BYTES);
    }

    public ServerConfig withHost(String host) {
        Copy c = new Copy(this);
        c.host = host;
        return c.build();
    }

    public ServerConfig withPort(int port) {
        Copy c = new Copy(this);
        c.port = port;
        return c.build();
    }

    public ServerConfig withWorkers(int workers) {
        Copy c = new Copy(this);
        c.workers = workers;
        return c.build();
    }

    public ServerConfig withMaxUploadBytes(long maxUploadBytes) {
        Copy c = new Copy(this);
        c.maxUploadBytes = maxUploadBytes;
        return c.build();
    }

    public ServerConfig withMinFreeDiskBytes(long minFreeDiskBytes) {
        Copy c = new Copy(this);
        c.minFreeDiskBytes = minFreeDiskBytes;
        return c.build();
    }

    public ServerConfig withAuth(AuthSettings auth) {
        Copy c = new Copy(this);
        c.auth = auth;
        return c.build();
    }

    public ServerConfig withOrganizers(OrganizerSettings organizers) {
        Copy c = new Copy(this);
        c.organizers = organizers;
        return c.build();
    }

    public ServerConfig withStillsCacheBytes(long stillsCacheBytes) {
        Copy c = new Copy(this);
        c.stillsCacheBytes = stillsCacheBytes;
        return c.build();
    }

    public ServerConfig withAddresses(PublicAddresses addresses) {
        Copy c = new Copy(this);
        c.addresses = addresses;
        return c.build();
    }

    public ServerConfig withHls(HlsPolicy hls) {
        Copy c = new Copy(this);
        c.hls = hls;
        return c.build();
    }

    public ServerConfig withScenes(ScenePolicy scenes) {
        Copy c = new Copy(this);
        c.scenes = scenes;
        return c.build();
    }

    public ServerConfig withDatabase(DatabaseLocation database) {
        Copy c = new Copy(this);
        c.database = database;
        return c.build();
    }

    public ServerConfig withStorage(StorageSettings storage) {
        Copy c = new Copy(this);
        c.storage = storage;
        return c.build();
    }

    /** One field changed, the rest copied: the with-methods need not list every field. */
    private static final class Copy {
        Path dataDir;
        String host;
        int port;
        int workers;
        long maxUploadBytes;
        long minFreeDiskBytes;
        AuthSettings auth;
        OrganizerSettings organizers;
        long stillsCacheBytes;
        PublicAddresses addresses;
        HlsPolicy hls;
        ScenePolicy scenes;
        DatabaseLocation database;
        StorageSettings storage;

        Copy(ServerConfig c) {
            dataDir = c.dataDir;
            host = c.host;
            port = c.port;
            workers = c.workers;
            maxUploadBytes = c.maxUploadBytes;
            minFreeDiskBytes = c.minFreeDiskBytes;
            auth = c.auth;
            organizers = c.organizers;
            stillsCacheBytes = c.stillsCacheBytes;
            addresses = c.addresses;
            hls = c.hls;
            scenes = c.scenes;
            database = c.database;
            storage = c.storage;
        }

        ServerConfig build() {
            return new ServerConfig(
                    dataDir,
                    host,
                    port,
                    workers,
                    maxUploadBytes,
                    minFreeDiskBytes,
                    auth,
                    organizers,
                    stillsCacheBytes,
                    addresses,
                    hls,
                    scenes,
                    database,
                    storage);
        }
    }

    /** Where plain uploads are streamed before they are handed on. */
    public Path uploadsDir() {
        return dataDir.resolve("uploads");
    }

    /** Where resumable (tus) uploads keep their partial data and state. */
    public Path tusDir() {
        return storage.tusDir(dataDir);
    }
}
