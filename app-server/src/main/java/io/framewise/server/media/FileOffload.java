package io.framewise.server.media;

import io.framewise.server.Feature;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Hands the sending of library files to the web server in front ({@code --file-offload}): the
 * server still decides who may have a file and which one, then answers with only a header naming it,
 * and the front server sends the bytes with its own sendfile path, byte ranges included.
 *
 * <ul>
 *   <li>{@code nginx:/PREFIX/}: {@code X-Accel-Redirect: /PREFIX/<path under the data folder>}, for an
 *       {@code internal} nginx location whose {@code alias} is the data folder.
 *   <li>{@code sendfile}: {@code X-Sendfile: <absolute path>}, for Apache's mod_xsendfile or lighttpd.
 * </ul>
 *
 * A file outside the data folder, or an answer whose route set headers of its own (nginx would drop
 * them), is sent by the server itself as before. Installed as a
 * {@link Feature}: it marks every request, and {@link RangeFileResponder} asks the mark.
 */
public final class FileOffload implements Feature {

    /** Which header the front server understands. */
    public enum Mode {
        NGINX,
        SENDFILE
    }

    static final String ATTRIBUTE = "io.framewise.fileOffload";

    private final Mode mode;
    private final String prefix;
    private final Path dataDir;

    private FileOffload(Mode mode, String prefix, Path dataDir) {
        this.mode = mode;
        this.prefix = prefix;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * The offload a {@code --file-offload} value asks for: {@code nginx:/PREFIX/} or {@code sendfile};
     * an IllegalArgumentException saying what is accepted otherwise.
     */
    public static FileOffload parse(String spec, Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        String s = spec == null ? "" : spec.strip();
        if (s.toLowerCase(Locale.ROOT).equals("sendfile")) {
            return new FileOffload(Mode.SENDFILE, null, dataDir);
        }
        if (s.toLowerCase(Locale.ROOT).startsWith("nginx:")) {
            String p = s.substring("nginx:".length());
            if (!p.matches("/[A-Za-z0-9._~/-]*/") || p.contains("//") || p.contains("/../") || p.contains("/./")) {
                throw new IllegalArgumentException(
                        "--file-offload nginx: needs the internal location's path, starting and ending with /,"
                                + " e.g. nginx:/_framewise_files/ (was '" + p + "')");
            }
            return new FileOffload(Mode.NGINX, p, dataDir);
        }
        throw new IllegalArgumentException(
                "--file-offload must be nginx:/PREFIX/ (X-Accel-Redirect) or sendfile (X-Sendfile), was '" + s + "'");
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.before(ctx -> ctx.attribute(ATTRIBUTE, this));
    }

    /** Headers every answer carries (SecurityHeaders); the front server's location sets its own. */
    private static final java.util.Set<String> COMMON = java.util.Set.of("x-content-type-options", "x-frame-options");

    /**
     * True when the route put headers of its own on the answer (a still's width, which picture it
     * is): nginx drops them on the hand-over, so such an answer is sent by the server itself.
     */
    private static boolean carriesOwnHeaders(Context ctx) {
        return ctx.res().getHeaderNames().stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.startsWith("x-") && !COMMON.contains(h));
    }

    /** The offload installed for this request, or null. */
    static FileOffload of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /**
     * Answers {@code file} by naming it to the front server; false when it lies outside the data
     * folder and the caller must send it. Content type and caching headers are the server's; the
     * front server adds length, ranges and validators of its own.
     */
    boolean hand(Context ctx, Path file, String contentType) {
        Path full = file.toAbsolutePath().normalize();
        if (!full.startsWith(dataDir) || full.equals(dataDir) || carriesOwnHeaders(ctx)) {
            return false;
        }
        ctx.status(200);
        ctx.res().setContentType(contentType);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (mode == Mode.SENDFILE) {
            ctx.header("X-Sendfile", full.toString());
        } else {
            StringJoiner path = new StringJoiner("/", prefix, "");
            for (Path part : dataDir.relativize(full)) {
                path.add(URLEncoder.encode(part.toString(), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
            ctx.header("X-Accel-Redirect", path.toString());
        }
        return true;
    }
}
