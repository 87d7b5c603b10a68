package io.framewise.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.framewise.media.MediaException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.io.EOFException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers. Every error leaves the server in the shape of
 * {@link ErrorBody}: domain refusals ({@link ApiException}, and a feature's own exceptions that
 * are a {@link Refusal}), Jackson parse errors (400), engine
 * failures ({@link MediaException}: 404/415/422), Javalin's own refusals (unknown route, bad
 * parameter) and finally anything unexpected, which is logged with its stack trace and answered
 * with a generic 500 so that no internals reach the client.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    /** Installs the exception handlers and the 404 fallback on a Javalin configuration. */
    public static void install(JavalinConfig cfg) {
        cfg.routes.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof ApiException.Unauthenticated) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"framewise\"");
            } else if (e instanceof ApiException.TooManyRequests tooMany) {
                ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            } else if (e instanceof ApiException.Unavailable busy && busy.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(busy.retryAfterSeconds()));
            }
            write(ctx, e.status(), e.code(), e.getMessage(), e.details());
        });
        cfg.routes.exception(JsonProcessingException.class, (e, ctx) -> jsonError(ctx, e));
        cfg.routes.exception(MediaException.class, ErrorMapper::mediaError);
        cfg.routes.exception(ValidationException.class, (e, ctx) -> validationError(ctx, e));
        cfg.routes.exception(HttpResponseException.class, ErrorMapper::javalinError);
        cfg.routes.exception(Exception.class, ErrorMapper::unexpected);
        // Unknown routes: Javalin sets 404 with no body of ours; give it the common shape.
        cfg.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(
                        ctx,
                        404,
                        "not_found",
                        "No endpoint " + ctx.method() + " " + ctx.path(),
                        Map.of("method", ctx.method().name(), "path", ctx.path()));
            }
        });
    }

    /** Writes the error shape; the only method that formats an error response. */
    public static void write(Context ctx, int status, String code, String message, Map<String, Object> details) {
        UnreadBodies.drain(ctx);
        ctx.status(status);
        ctx.json(ErrorBody.of(code, message, details));
    }

    private static void jsonError(Context ctx, JsonProcessingException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "Unknown field '" + u.getPropertyName() + "'";
            details.put("field", u.getPropertyName());
        } else if (e instanceof InvalidFormatException f) {
            message = "Wrong type for field '" + path(f) + "'";
            details.put("field", path(f));
        } else if (e instanceof MismatchedInputException m && !path(m).isEmpty()) {
            message = "Missing or wrong type for field '" + path(m) + "'";
            details.put("field", path(m));
        } else {
            message = "Malformed JSON";
        }
        if (e.getLocation() != null) {
            details.put("line", e.getLocation().getLineNr());
            details.put("column", e.getLocation().getColumnNr());
        }
        // Jackson's original message quotes input and class names: keep it to the log.
        LOG.debug("JSON rejected on {} {}: {}", ctx.method(), ctx.path(), e.getOriginalMessage());
        write(ctx, 400, "bad_request", message, details);
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static void mediaError(MediaException e, Context ctx) {
        int status;
        String code;
        if (e instanceof MediaException.NotFound) {
            status = 404;
            code = "media_not_found";
        } else if (e instanceof MediaException.Unsupported) {
            status = 415;
            code = "unsupported_media";
        } else if (e instanceof MediaException.Corrupt) {
            status = 422;
            code = "corrupt_media";
        } else {
            // Cancelled or WriteFailed are our own trouble, not the client's.
            unexpected(e, ctx);
            return;
        }
        // The engine's message names a server path: answer with the reason only.
        LOG.info("Media refused on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        String reason = e.file()
                .map(f -> e.getMessage().replace(f.toString() + ": ", ""))
                .orElse(e.getMessage());
        write(ctx, status, code, reason, Map.of());
    }

    private static void validationError(Context ctx, ValidationException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        e.getErrors()
                .forEach((key, errors) -> details.put(
                        key, errors.stream().map(err -> err.getMessage()).collect(Collectors.toList())));
        String first = e.getErrors().keySet().stream().findFirst().orElse("parameter");
        write(ctx, 400, "bad_request", "Invalid value for '" + first + "'", details);
    }

    private static void javalinError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code =
                switch (status) {
                    case 400 -> "bad_request";
                    case 401 -> "unauthorized";
                    case 403 -> "forbidden";
                    case 404 -> "not_found";
                    case 405 -> "method_not_allowed";
                    case 413 -> "payload_too_large";
                    case 415 -> "unsupported_media_type";
                    default -> status >= 500 ? "internal_error" : "http_" + status;
                };
        if (status == 404) {
            // Javalin's "endpoint not found": same answer as an unmatched route anywhere else.
            write(
                    ctx,
                    404,
                    code,
                    "No endpoint " + ctx.method() + " " + ctx.path(),
                    Map.of("method", ctx.method().name(), "path", ctx.path()));
            return;
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? code : e.getMessage();
        write(ctx, status, code, message, Map.copyOf(e.getDetails()));
    }

    private static void unexpected(Exception e, Context ctx) {
        if (e instanceof Refusal refusal) {
            write(ctx, refusal.status(), refusal.code(), e.getMessage(), refusal.details());
            return;
        }
        Throwable root = rootCause(e);
        if (root instanceof JsonProcessingException json) {
            jsonError(ctx, json);
            return;
        }
        if (root instanceof EOFException && isClientAbort(e)) {
            LOG.debug("Client went away on {} {}", ctx.method(), ctx.path());
            return;
        }
        LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal_error", "Internal server error; the server log has the details", Map.of());
    }

    private static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("EofException") || name.endsWith("ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        List<Throwable> seen = new java.util.ArrayList<>();
        Throwable t = e;
        while (t.getCause() != null && !seen.contains(t.getCause())) {
            seen.add(t);
            t = t.getCause();
            if (t instanceof JsonProcessingException) {
                return t;
            }
        }
        return t;
    }
}
