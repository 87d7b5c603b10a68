package io.framewise.server.notifications;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where notification mail is sent: the {@code --smtp} URL, {@code
 * smtp://[user[:password]@]host[:port][?from=ADDRESS&starttls=required]} (STARTTLS whenever the
 * server offers it; {@code starttls=required} refuses to send in the clear) or {@code smtps://...}
 * (TLS from the first byte, port 465 by default). User and password are URL-encoded.
 *
 * @param from the sender address
 */
public record MailSettings(
        boolean tls, boolean requireStartTls, String host, int port, String user, String password, String from) {

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
    }

    /** The settings of an {@code --smtp} URL; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static MailSettings parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--smtp is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls;
        if (scheme.equals("smtp")) {
            tls = false;
        } else if (scheme.equals("smtps")) {
            tls = true;
        } else {
            throw new IllegalArgumentException(
                    "--smtp must start with smtp:// (STARTTLS) or smtps:// (TLS), was '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("--smtp needs a host name, as in smtp://mail.example.org:587");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        Map<String, String> query = query(uri.getRawQuery());
        for (String key : query.keySet()) {
            if (!key.equals("from") && !key.equals("starttls")) {
                throw new IllegalArgumentException("--smtp knows the parameters from and starttls, not '" + key + "'");
            }
        }
        String starttls = query.getOrDefault("starttls", "auto");
        if (!starttls.equals("auto") && !starttls.equals("required")) {
            throw new IllegalArgumentException("--smtp starttls must be auto or required, was '" + starttls + "'");
        }
        String from = query.getOrDefault("from", "framewise@" + uri.getHost());
        MailText.checkAddress(from, "--smtp from");
        return new MailSettings(tls, starttls.equals("required"), uri.getHost(), port, user, password, from);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** Leaves the password out of logs. */
    @Override
    public String toString() {
        return (tls ? "smtps://" : "smtp://") + (user == null ? "" : user + "@") + host + ":" + port;
    }
}
