package io.framewise.server.testing;

import io.framewise.model.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server for tests: s3proxy with its filesystem backend, run as its own {@code
 * java -jar} process on a free loopback port (the jar is copied to {@code target/s3proxy} by the
 * build, never put on the test class path). It can be stopped and started again on the same port
 * and folder, as a store that goes down and comes back.
 */
public final class S3Proxy implements AutoCloseable {

    public static final String IDENTITY = "framewise-test";
    public static final String CREDENTIAL = "framewise-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final Path dir;
    private final int port;
    private Process process;

    private S3Proxy(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts s3proxy on a free port with its objects under {@code dir}, and waits until it answers. */
    public static S3Proxy start(Path dir) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        S3Proxy proxy = new S3Proxy(dir, port);
        proxy.start();
        return proxy;
    }

    /** The credentials the server under test finds through the AWS default chain (system properties). */
    public static void lendCredentials() {
        System.setProperty("aws.accessKeyId", IDENTITY);
        System.setProperty("aws.secretAccessKey", CREDENTIAL);
    }

    public synchronized void start() throws IOException {
        if (process != null) {
            return;
        }
        Path blobs = dir.resolve("blobs");
        Files.createDirectories(blobs);
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + IDENTITY,
                        "s3proxy.credential=" + CREDENTIAL,
                        "s3proxy.endpoint=" + endpoint(),
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + blobs,
                        ""));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar().toString(),
                        "--properties",
                        properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("s3proxy.log").toFile()))
                .start();
        Await.until("s3proxy to listen on port " + port, Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("s3proxy ended at start; see " + dir.resolve("s3proxy.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops the process (the store goes down); {@link #start()} brings it back with its objects. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A {@code --storage} value for {@code bucket/prefix} on this server. */
    public String storage(String bucket, String prefix, String extra) {
        return "s3://" + bucket + "/" + prefix + "?endpoint=" + endpoint() + "&region=" + REGION + extra;
    }

    /** A client of the server, for tests that look at the objects themselves. */
    public S3Client client() {
        return S3Client.builder()
                .region(Region.of(REGION))
                .endpointOverride(endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public void close() {
        stop();
    }

    /** The jar the build copied, else the one in the local Maven repository. */
    static Path jar() {
        Path copied = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (Files.isRegularFile(copied)) {
            return copied;
        }
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "2.6.0");
        Path local = repo.resolve("s3proxy-2.6.0-jar-with-dependencies.jar");
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new IllegalStateException("no s3proxy jar at " + copied + " nor " + local
                + " (the app-server build copies it in process-test-resources)");
    }
}
