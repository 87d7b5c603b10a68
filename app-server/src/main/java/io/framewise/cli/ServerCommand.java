package io.framewise.cli;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthMode;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.media.FileOffload;
import io.framewise.server.notifications.MailSettings;
import io.framewise.server.ops.MetricsToken;
import io.framewise.server.organizer.OrganizerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise server}: the headless server, until stopped (Ctrl-C or SIGTERM). */
@Command(
        name = "server",
        description = "Run the server: library, processing, stills, notes and live review sessions over HTTP and"
                + " WebSocket. Settings come from options, then FRAMEWISE_* environment variables, then --config.")
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: $XDG_DATA_HOME/framewise).")
    Path data;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default 8642; 0 picks a free one).")
    Integer port;

    @Option(names = "--workers", paramLabel = "N", description = "Processing workers (default: half the cores).")
    Integer workers;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with data, host, port, workers, stills-cache.")
    Path config;

    @Option(
            names = "--stills-cache",
            paramLabel = "SIZE",
            description = "Most disk the cache of frame stills may take, e.g. 512M or 4G (default 1G); least"
                    + " recently used stills are deleted beyond it and made again when asked for.")
    String stillsCache;

    @Option(
            names = "--hls-min-duration",
            paramLabel = "TIME",
            description = "Media longer than this also get an HLS ladder (1080p/720p/360p) for slow links,"
                    + " e.g. 600, 10m or 1h (default 10m).")
    String hlsMinDuration;

    @Option(
            names = "--hls-min-bitrate",
            paramLabel = "BPS",
            description = "Media whose original averages more bits per second than this also get an HLS ladder,"
                    + " e.g. 20M (the default) or 8000k.")
    String hlsMinBitrate;

    @Option(
            names = "--scenes",
            paramLabel = "TIME|off",
            description = "Videos longer than this get their scene cuts detected as suggested markers,"
                    + " e.g. 60, 2m (default 60), or off.")
    String scenes;

    @Option(
            names = "--auth",
            paramLabel = "MODE",
            description = "none (one local user, loopback only; the default), local (accounts) or proxy (identity"
                    + " from a reverse proxy's X-Remote-User-* headers).")
    String auth;

    @Option(
            names = "--trusted-proxy",
            paramLabel = "CIDR[,CIDR]",
            split = ",",
            description = "Addresses of the reverse proxy in front of the server (--auth local or proxy): its"
                    + " X-Forwarded-For names the client for login limits and the audit log, and with --auth proxy"
                    + " its X-Remote-User-* headers name the user.")
    List<String> trustedProxies = new ArrayList<>();

    @Option(
            names = "--proxy-admin-header",
            paramLabel = "NAME",
            description = "Header in which the trusted proxy states admin rights (true/false), e.g."
                    + " X-Remote-User-Is-Admin (--auth proxy). Without it the proxy's word on admin rights is"
                    + " ignored and accounts keep their own flag.")
    String proxyAdminHeader;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            split = ",",
            description = "Address browsers open the server at, e.g. https://review.example.com behind a"
                    + " reverse proxy (repeatable). Its host is answered and its origin may make changes.")
    List<String> publicUrls = new ArrayList<>();

    @Option(
            names = "--allowed-host",
            paramLabel = "NAME",
            split = ",",
            description = "Another host name the server answers to (repeatable); loopback, IP addresses and"
                    + " this machine's name always are.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(
            names = "--secure-cookies",
            description = "Mark session cookies Secure (the server is reached over TLS through a proxy).")
    boolean secureCookies;

    @Option(
            names = "--allow-insecure-lan",
            description = "Serve on a non-loopback address with --auth none (everyone there is administrator).")
    boolean allowInsecureLan;

    @Option(
            names = "--smtp",
            paramLabel = "URL",
            description = "Send notification mail through this SMTP server:"
                    + " smtp://[user[:password]@]host[:port][?from=ADDRESS&starttls=required] (STARTTLS) or"
                    + " smtps://... (TLS). Also FRAMEWISE_SMTP. Without it nobody is mailed.")
    String smtp;

    @Option(
            names = "--file-offload",
            paramLabel = "HOW",
            description = "Let the web server in front send library files: nginx:/PREFIX/ answers with"
                    + " X-Accel-Redirect to that internal location (its alias is the data folder), sendfile"
                    + " with X-Sendfile (Apache, lighttpd). The server still checks every request."
                    + " Also FRAMEWISE_FILE_OFFLOAD. See installers/nginx/framewise.conf.")
    String fileOffload;

    @Option(
            names = "--db",
            paramLabel = "WHERE",
            description = "The database: sqlite:PATH (default: framewise.db in the data folder) or"
                    + " postgresql://HOST[:PORT]/DATABASE, shared by several server nodes. The PostgreSQL user"
                    + " and password come from FRAMEWISE_DB_USER and FRAMEWISE_DB_PASSWORD (or"
                    + " FRAMEWISE_DB_PASSWORD_FILE), never the command line. Also FRAMEWISE_DB.")
    String db;

    @Option(
            names = "--storage",
            paramLabel = "WHERE",
            description = "Where the durable copy of media files lives: file:DIR (default: the data folder"
                    + " itself; another folder is a shared or mounted store several nodes use) or"
                    + " s3://BUCKET/PREFIX?endpoint=URL&region=R[&serve=stream|redirect]. S3 credentials come"
                    + " from the AWS default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never the"
                    + " address. Also FRAMEWISE_STORAGE.")
    String storage;

    @Option(
            names = "--storage-cache",
            paramLabel = "BYTES",
            description = "With a store other than the data folder: the most bytes of stored files this node"
                    + " keeps in its data folder (least recently used go first; default 64G)."
                    + " Also FRAMEWISE_STORAGE_CACHE.")
    String storageCache;

    @Option(
            names = "--metrics-token-file",
            paramLabel = "FILE",
            description = "Let a Prometheus scraper read /api/metrics with the token in the first line of FILE"
                    + " (Authorization: Bearer; administrators need none). Also FRAMEWISE_METRICS_TOKEN_FILE.")
    java.nio.file.Path metricsTokenFile;

    @Option(
            names = "--encrypt-at-rest",
            description = "Keep originals and renditions encrypted on disk (AES-256-GCM), with the master key from"
                    + " --key-file or FRAMEWISE_MASTER_KEY (base64). Also FRAMEWISE_ENCRYPT_AT_REST=true.")
    boolean encryptAtRest;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description = "The master key for --encrypt-at-rest: 32 bytes or their base64, readable only by its"
                    + " owner (make one with framewise keys new FILE).")
    Path keyFile;

    @Option(
            names = "--previous-key-file",
            paramLabel = "FILE",
            description = "While rotating to the key of --key-file: the old master key, which only opens data keys"
                    + " not yet rotated, so framewise keys rotate can run while the server serves. Also"
                    + " FRAMEWISE_PREVIOUS_MASTER_KEY (base64).")
    Path previousKeyFile;

    @Option(
            names = "--organizer",
            paramLabel = "\"CMD ARGS\"",
            description = "Run an organizer plugin: the command line that starts it (repeat for several).")
    List<String> organizers = new ArrayList<>();

    private AuthSettings authSettings() {
        AuthMode mode =
                auth == null ? AuthMode.NONE : AuthMode.fromWire(auth.strip().toLowerCase(Locale.ROOT));
        if (mode == AuthMode.NONE && !trustedProxies.isEmpty()) {
            throw new IllegalArgumentException(
                    "--trusted-proxy needs --auth local or --auth proxy (auth none serves loopback only)");
        }
        AuthSettings settings =
                switch (mode) {
                    case NONE -> AuthSettings.none();
                    case LOCAL -> AuthSettings.local().withTrustedProxies(trustedProxies);
                    case PROXY -> AuthSettings.proxy(trustedProxies);
                };
        if (proxyAdminHeader != null) {
            settings = settings.withProxyAdminHeader(proxyAdminHeader);
        }
        return settings.withSecureCookies(secureCookies);
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings sources = new ServerSettings(System.getenv(), config);
        ServerConfig settings = sources.resolve(data, host, port, workers)
                .withAuth(authSettings())
                .withStillsCacheBytes(sources.stillsCacheBytes(stillsCache))
                .withHls(sources.hls(hlsMinDuration, hlsMinBitrate))
                .withScenes(sources.scenes(scenes))
                .withAddresses(sources.addresses(publicUrls, allowedHosts));
        settings = settings.withDatabase(sources.database(db, settings.dataDir()));
        settings = settings.withStorage(sources.storage(storage, storageCache, settings.dataDir()));
        ServerSettings.checkExposure(settings.host(), settings.auth().mode(), allowInsecureLan);
        OrganizerSettings plugins = settings.organizers();
        for (String line : organizers) {
            plugins = plugins.withCommand(OrganizerSettings.parseCommand(line));
        }
        settings = settings.withOrganizers(plugins);
        String smtpUrl = smtp != null ? smtp : System.getenv("FRAMEWISE_SMTP");
        MailSettings mail = smtpUrl == null || smtpUrl.isBlank() ? null : MailSettings.parse(smtpUrl);
        String offloadSpec = fileOffload != null ? fileOffload : System.getenv("FRAMEWISE_FILE_OFFLOAD");
        io.framewise.server.Feature[] offload = offloadSpec == null || offloadSpec.isBlank()
                ? new io.framewise.server.Feature[0]
                : new io.framewise.server.Feature[] {FileOffload.parse(offloadSpec, settings.dataDir())};
        String tokenFile =
                metricsTokenFile != null ? metricsTokenFile.toString() : System.getenv("FRAMEWISE_METRICS_TOKEN_FILE");
        MetricsToken metricsToken = tokenFile == null || tokenFile.isBlank()
                ? MetricsToken.NONE
                : MetricsToken.fromFile(java.nio.file.Path.of(tokenFile));
        io.framewise.server.Feature[] extra = offload;
        io.framewise.server.crypto.AtRest atRest = null;
        if (encryptAtRest || "true".equalsIgnoreCase(System.getenv("FRAMEWISE_ENCRYPT_AT_REST"))) {
            io.framewise.server.crypto.MasterKey key = KeysCommand.masterKey(keyFile, System.getenv());
            if (key == null) {
                throw new IllegalArgumentException("--encrypt-at-rest needs the master key: --key-file FILE or "
                        + io.framewise.server.crypto.MasterKey.ENVIRONMENT);
            }
            io.framewise.server.crypto.MasterKey previous = KeysCommand.previousKey(previousKeyFile, System.getenv());
            atRest = io.framewise.server.crypto.AtRest.open(settings.dataDir(), key, previous);
            extra = java.util.Arrays.copyOf(offload, offload.length + 1);
            extra[offload.length] = atRest;
        } else if (keyFile != null || previousKeyFile != null) {
            throw new IllegalArgumentException("--key-file and --previous-key-file are for --encrypt-at-rest");
        }
        FramewiseServer server;
        try {
            server = FramewiseServer.start(settings, java.time.Clock.systemUTC(), mail, metricsToken, extra);
        } catch (RuntimeException e) {
            if (atRest != null) {
                atRest.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "framewise-stop"));
        spec.commandLine()
                .getOut()
                .printf(
                        "Framewise server on %s (data: %s, media store: %s)%n",
                        server.baseUri(),
                        settings.dataDir().toAbsolutePath(),
                        settings.storage().location().describe());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
