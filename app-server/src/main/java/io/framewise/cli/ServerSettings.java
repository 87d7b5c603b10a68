package io.framewise.cli;

import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthMode;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.hls.HlsPolicy;
import io.framewise.server.http.PublicAddresses;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.StorageLocation;
import io.framewise.server.storage.StorageSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the server's settings come from, strongest first: command-line options, environment variables
 * ({@code FRAMEWISE_DATA}, {@code FRAMEWISE_HOST}, {@code FRAMEWISE_PORT}, {@code FRAMEWISE_WORKERS},
 * {@code FRAMEWISE_STILLS_CACHE}, {@code FRAMEWISE_PUBLIC_URL}, {@code FRAMEWISE_ALLOWED_HOST}; the last
 * two comma-separated), a properties file ({@code --config FILE}: {@code data=}, {@code host=},
 * {@code port=}, {@code workers=}, {@code stills-cache=}, {@code public-url=}, {@code
 * allowed-host=}), then defaults (data under the XDG data home, 127.0.0.1:8642, a 1 GiB stills cache).
 */
final class ServerSettings {

    private static final List<String> KNOWN = List.of(
            "data",
            "host",
            "port",
            "workers",
            "stills-cache",
            "public-url",
            "allowed-host",
            "hls-min-duration",
            "hls-min-bitrate",
            "db",
            "storage",
            "storage-cache");

    private final Map<String, String> env;
    private final Properties file = new Properties();

    ServerSettings(Map<String, String> env, Path configFile) {
        this.env = env;
        if (configFile != null) {
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the config file " + configFile + ": " + e.getMessage());
            }
            for (String key : file.stringPropertyNames()) {
                if (!KNOWN.contains(key)) {
                    throw new IllegalArgumentException("unknown setting '" + key + "' in " + configFile + " (known: "
                            + String.join(", ", KNOWN) + ")");
                }
            }
        }
    }

    /** The settings resolved from {@code cli} values (null when not given) over env, file and defaults. */
    ServerConfig resolve(Path data, String host, Integer port, Integer workers) {
        Path dataDir = data != null
                ? data
                : pick("FRAMEWISE_DATA", "data").map(Path::of).orElseGet(this::defaultData);
        String h = host != null ? host : pick("FRAMEWISE_HOST", "host").orElse(ServerConfig.DEFAULT_HOST);
        int p = port != null
                ? port
                : pick("FRAMEWISE_PORT", "port").map(v -> number("port", v)).orElse(ServerConfig.DEFAULT_PORT);
        int w = workers != null
                ? workers
                : pick("FRAMEWISE_WORKERS", "workers")
                        .map(v -> number("workers", v))
                        .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        return ServerConfig.defaults(dataDir).withHost(h).withPort(p).withWorkers(w);
    }

    /**
     * The most disk the stills cache may take: {@code cli} (null when not given), else {@code
     * FRAMEWISE_STILLS_CACHE}, else {@code stills-cache=} in the file, else 1 GiB.
     */
    long stillsCacheBytes(String cli) {
        String v = cli != null
                ? cli
                : pick("FRAMEWISE_STILLS_CACHE", "stills-cache").orElse(null);
        return v == null ? ServerConfig.DEFAULT_STILLS_CACHE_BYTES : bytes("the stills cache size", v);
    }

    /**
     * Which media get an HLS ladder: each threshold from {@code cli} (null when not given), else
     * {@code FRAMEWISE_HLS_MIN_DURATION} / {@code FRAMEWISE_HLS_MIN_BITRATE}, else {@code
     * hls-min-duration=} / {@code hls-min-bitrate=} in the file, else the defaults (10 min, 20 Mbit/s).
     */
    HlsPolicy hls(String cliDuration, String cliBitrate) {
        String d = cliDuration != null
                ? cliDuration
                : pick("FRAMEWISE_HLS_MIN_DURATION", "hls-min-duration").orElse(null);
        String b = cliBitrate != null
                ? cliBitrate
                : pick("FRAMEWISE_HLS_MIN_BITRATE", "hls-min-bitrate").orElse(null);
        return new HlsPolicy(
                d == null ? HlsPolicy.DEFAULT_MIN_DURATION_SECONDS : HlsPolicy.parseDuration(d),
                b == null ? HlsPolicy.DEFAULT_MIN_BITRATE : HlsPolicy.parseBitrate(b));
    }

    /**
     * Where the database is: {@code cli} (null when not given), else {@code FRAMEWISE_DB}, else {@code
     * db=} in the file, else SQLite in the data folder. PostgreSQL credentials come from the
     * environment only.
     */
    DatabaseLocation database(String cli, Path dataDir) {
        String v = cli != null ? cli : pick("FRAMEWISE_DB", "db").orElse(null);
        return v == null ? DatabaseLocation.defaultFor(dataDir) : DatabaseLocation.parse(v, env);
    }

    /**
     * Where the media store is: {@code cli} (null when not given), else {@code FRAMEWISE_STORAGE},
     * else {@code storage=} in the file, else the data folder; with the most bytes of stored files
     * a node keeps ({@code cliCache}, {@code FRAMEWISE_STORAGE_CACHE}, {@code storage-cache=}).
     */
    StorageSettings storage(String cli, String cliCache, Path dataDir) {
        String v = cli != null ? cli : pick("FRAMEWISE_STORAGE", "storage").orElse(null);
        String c = cliCache != null
                ? cliCache
                : pick("FRAMEWISE_STORAGE_CACHE", "storage-cache").orElse(null);
        StorageLocation location =
                v == null ? StorageSettings.defaultLocation(dataDir) : StorageLocation.parse(v, dataDir);
        return new StorageSettings(
                location, c == null ? MediaStore.DEFAULT_CACHE_BYTES : bytes("the storage cache size", c));
    }

    /**
     * Which videos get scene detection: {@code cli} (null when not given), else {@code
     * FRAMEWISE_SCENES}, else {@code scenes=} in the file, else videos longer than 60 s.
     */
    io.framewise.server.jobs.ScenePolicy scenes(String cli) {
        String v = cli != null ? cli : pick("FRAMEWISE_SCENES", "scenes").orElse(null);
        return v == null ? io.framewise.server.jobs.ScenePolicy.DEFAULT : io.framewise.server.jobs.ScenePolicy.parse(v);
    }

    /** A size in bytes: a whole number with an optional binary unit, K, M, G or T ("512M", "2G"). */
    static long bytes(String what, String value) {
        String v = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (v.endsWith("IB")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            int unit = "KMGT".indexOf(v.charAt(v.length() - 1));
            if (unit >= 0) {
                shift = 10 * (unit + 1);
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0 || n > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + " must be a number of bytes, optionally with K, M, G or T (e.g. 512M), was '" + value + "'");
        }
    }

    /**
     * The public URLs and extra host names: the command line's when it gives any, else the
     * environment's or the file's (comma-separated).
     */
    PublicAddresses addresses(List<String> urls, List<String> hosts) {
        List<String> u = urls.isEmpty() ? list("FRAMEWISE_PUBLIC_URL", "public-url") : urls;
        List<String> h = hosts.isEmpty() ? list("FRAMEWISE_ALLOWED_HOST", "allowed-host") : hosts;
        return PublicAddresses.parse(u, h);
    }

    private List<String> list(String envName, String key) {
        return pick(envName, key)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private java.util.Optional<String> pick(String envName, String key) {
        String v = env.get(envName);
        if (v != null && !v.isBlank()) {
            return java.util.Optional.of(v.strip());
        }
        return java.util.Optional.ofNullable(file.getProperty(key))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    private static int number(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was '" + value + "'");
        }
    }

    /** {@code $XDG_DATA_HOME/framewise}, else {@code ~/.local/share/framewise}. */
    Path defaultData() {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("framewise");
    }

    /**
     * Refuses addresses other machines can reach in auth mode none: anyone on the network would see
     * and change the whole library as its administrator.
     */
    static void checkExposure(String host, AuthMode mode, boolean allowInsecureLan) {
        if (mode != AuthMode.NONE) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host);
        }
        if (!loopback && !allowInsecureLan) {
            throw new IllegalArgumentException("refusing to serve on " + host + " with --auth none: anyone on the"
                    + " network could read and change the library. Use --auth local (accounts; add the first with"
                    + " 'framewise user add NAME --admin --password-stdin') or --auth proxy, or --host 127.0.0.1,"
                    + " or add --allow-insecure-lan if you really mean it.");
        }
    }
}
