package io.framewise.server.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the durable, shared copy of the library's media files lives (ADR 0060): the data folder
 * itself (the default, one box, nothing copied), another folder (a shared or mounted one that several
 * nodes see) or an S3-compatible bucket. Parsed from {@code --storage}; credentials never come from
 * the address (the command line is visible to every user of the machine) but from the AWS default
 * provider chain.
 */
public sealed interface StorageLocation {

    /** How a Range request of a file that is not on this node is answered from S3. */
    enum Serve {
        /** The server streams the object's range (the default: the client never sees the store). */
        STREAM,
        /** 302 to a short-lived presigned address of the object. */
        REDIRECT
    }

    /** A folder; the data folder itself when {@code sameAsData}. */
    record Folder(Path dir, boolean sameAsData) implements StorageLocation {
        public Folder {
            dir = dir.toAbsolutePath().normalize();
        }

        @Override
        public String describe() {
            return sameAsData ? "the data folder" : "file:" + dir;
        }
    }

    /**
     * An S3 bucket.
     *
     * @param prefix the key prefix every object gets, without leading or trailing slash ("" for none)
     * @param endpoint the S3 endpoint, or null for AWS's own
     * @param region the signing region
     * @param sse whether every object is written with server-side encryption by the store's own keys
     *     (SSE-S3, {@code sse=s3})
     */
    record S3(String bucket, String prefix, URI endpoint, String region, Serve serve, boolean sse)
            implements StorageLocation {

        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]{0,200}");
        private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");

        public S3 {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("--storage s3:// needs a bucket name of 3 to 63 lower-case letters,"
                        + " digits, dots or hyphens, was '" + bucket + "'");
            }
            if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.contains("..") || prefix.contains("//")) {
                throw new IllegalArgumentException("--storage s3:// prefix must be letters, digits, '.', '_', '-' and"
                        + " single slashes, was '" + prefix + "'");
            }
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException(
                        "--storage s3:// region must be like us-east-1, was '" + region + "'");
            }
            if (endpoint != null) {
                String scheme =
                        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
                    throw new IllegalArgumentException(
                            "--storage endpoint must be an http:// or https:// address, was '" + endpoint + "'");
                }
                if (endpoint.getRawUserInfo() != null) {
                    throw new IllegalArgumentException(credentialsRefused());
                }
            }
            if (serve == null) {
                throw new IllegalArgumentException("--storage serve must be stream or redirect");
            }
        }

        /** The key of a path relative to the data folder ("media/ID/proxy.mp4"). */
        public String key(String relative) {
            return prefix.isEmpty() ? relative : prefix + "/" + relative;
        }

        @Override
        public String describe() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix)
                    + (endpoint == null ? "" : " at " + endpoint) + " (" + region + ")";
        }
    }

    /** Where it is, in words for logs and errors (never with a secret: there is none in it). */
    String describe();

    /** Whether the store is the data folder itself: nothing is published or fetched. */
    default boolean isDataFolder() {
        return this instanceof Folder f && f.sameAsData();
    }

    /** The default: the data folder itself, today's layout. */
    static StorageLocation dataFolder(Path dataDir) {
        return new Folder(dataDir, true);
    }

    /**
     * Parses a {@code --storage} value: {@code file:DIR} or {@code
     * s3://bucket[/prefix]?endpoint=URL&region=R[&serve=stream|redirect]}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    static StorageLocation parse(String spec, Path dataDir) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "--storage must not be blank: use file:DIR or s3://bucket/prefix?endpoint=URL&region=R");
        }
        String s = spec.strip();
        if (s.startsWith("file:")) {
            String path = s.substring("file:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("--storage file: needs a folder, e.g. file:/srv/framewise-store");
            }
            Path dir = Path.of(path).toAbsolutePath().normalize();
            Path data = dataDir.toAbsolutePath().normalize();
            if (!dir.equals(data) && (dir.startsWith(data) || data.startsWith(dir))) {
                throw new IllegalArgumentException("--storage file: folder " + dir + " must be the data folder or lie"
                        + " outside it (and not contain it): " + data);
            }
            return new Folder(dir, dir.equals(data));
        }
        if (s.startsWith("s3://")) {
            return s3(s);
        }
        throw new IllegalArgumentException("--storage '" + spec + "' is neither file:DIR nor s3://bucket/prefix");
    }

    private static S3 s3(String spec) {
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--storage is not a valid s3:// address: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(credentialsRefused());
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--storage s3:// takes no #fragment");
        }
        String bucket = uri.getHost();
        if (bucket == null) {
            bucket = uri.getAuthority();
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
        Map<String, String> options = query(uri.getRawQuery());
        URI endpoint = null;
        String region = "us-east-1";
        Serve serve = Serve.STREAM;
        boolean sse = false;
        for (Map.Entry<String, String> e : options.entrySet()) {
            switch (e.getKey()) {
                case "endpoint" -> {
                    try {
                        endpoint = new URI(e.getValue());
                    } catch (URISyntaxException bad) {
                        throw new IllegalArgumentException("--storage endpoint is not an address: " + e.getValue());
                    }
                }
                case "region" -> region = e.getValue();
                case "serve" -> serve = switch (e.getValue()) {
                    case "stream" -> Serve.STREAM;
                    case "redirect" -> Serve.REDIRECT;
                    default -> throw new IllegalArgumentException(
                            "--storage serve must be stream or redirect, was '" + e.getValue() + "'");
                };
                    // SSE-C is not offered: every read would need the key, so presigned redirects could not
                    // work, and --encrypt-at-rest already seals what is stored with the server's own key.
                case "sse" -> sse = switch (e.getValue()) {
                    case "s3" -> true;
                    case "none" -> false;
                    default -> throw new IllegalArgumentException("--storage sse must be s3 (the store encrypts"
                            + " with its own keys) or none, was '" + e.getValue() + "'; for encryption with the"
                            + " server's key use --encrypt-at-rest");
                };
                case "accessKey",
                        "access_key",
                        "secretKey",
                        "secret_key",
                        "key",
                        "secret",
                        "password",
                        "token" -> throw new IllegalArgumentException(credentialsRefused());
                default -> throw new IllegalArgumentException(
                        "--storage s3:// knows the options endpoint, region, serve and sse, not '" + e.getKey() + "'");
            }
        }
        return new S3(bucket, prefix, endpoint, region, serve, sse);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--storage option '" + pair + "' is not name=value");
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("--storage option '" + name + "' is given twice");
            }
        }
        return out;
    }

    private static String credentialsRefused() {
        return "--storage must not carry credentials (the command line is visible to every user of the machine):"
                + " set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or another source of the AWS default"
                + " credentials chain) instead";
    }
}
