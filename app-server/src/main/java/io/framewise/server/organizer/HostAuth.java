package io.framewise.server.organizer;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates host API calls by the one-time secret each organizer process got at start, and
 * tells the service which organizer is calling. Secrets are kept only as SHA-256 digests, so the
 * lookup reveals nothing by its timing; a restarted organizer gets a new secret and the old one
 * stops working.
 */
final class HostAuth implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> CALLER = Context.key("framewise-organizer");

    private final Map<String, String> organizerByDigest = new ConcurrentHashMap<>();

    void grant(String secret, String organizer) {
        organizerByDigest.put(digest(secret), organizer);
    }

    void revoke(String secret) {
        organizerByDigest.remove(digest(secret));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        String organizer = header != null && header.startsWith("Bearer ")
                ? organizerByDigest.get(digest(header.substring("Bearer ".length())))
                : null;
        if (organizer == null) {
            call.close(
                    Status.UNAUTHENTICATED.withDescription(
                            "host calls need the organizer's secret as 'authorization: Bearer SECRET'"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, organizer), call, headers, next);
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
