package io.framewise.server.access;

import io.framewise.server.Feature;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.HandlerWrapper;
import io.javalin.router.ParsedEndpoint;
import java.util.Map;
import java.util.Set;

/**
 * Puts every API route behind the one authorization point. It wraps each endpoint's handler as the
 * router registers it: the wrapper authenticates the request, asks the {@link Authorizer} about
 * the route's {@link RouteRule}, and only then runs the handler. An {@code /api/} route without a
 * rule stops the server from starting, so no route is ever reachable by accident.
 *
 * <p>Paths outside {@code /api/} (the web UI's files) are public and pass untouched.
 */
public final class AccessFilter implements Feature {

    private static final Set<HandlerType> HTTP = Set.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE,
            HandlerType.HEAD,
            HandlerType.OPTIONS);

    /**
     * Routes that media players fetch themselves (VLC, an HTML video element opened from a link):
     * they cannot send an Authorization header, so these also take {@code ?access_token=}. Tokens
     * in URLs reach logs, so no other route does.
     */
    static final Set<String> QUERY_TOKEN_ROUTES =
            Set.of("GET /api/media/{id}/stream", "HEAD /api/media/{id}/stream", "GET /api/media/{id}/frames/{n}");

    private final Access access;
    private final RouteTable routes;
    private final HandlerWrapper inner;

    public AccessFilter(Access access, RouteTable routes) {
        this(access, routes, endpoint -> endpoint.handler);
    }

    /**
     * @param inner wraps each API handler inside the access check (Javalin takes one wrapper, and
     *     what runs per request after authorization, such as idempotency keys, needs the principal)
     */
    public AccessFilter(Access access, RouteTable routes, HandlerWrapper inner) {
        this.access = access;
        this.routes = routes;
        this.inner = inner;
    }

    public RouteTable routes() {
        return routes;
    }

    private volatile JavalinState state;

    @Override
    public void register(JavalinConfig cfg) {
        cfg.router.handlerWrapper(this::wrap);
        cfg.routes.before(this::refuseImplicitHead);
        this.state = cfg.unsafe;
    }

    /**
     * Javalin answers a HEAD on a path that has only a GET route itself, 200 with no handler run: no
     * access check, and a 200 for things that do not exist or that the caller may not see. An API
     * HEAD without its own route is answered as the missing route it is.
     */
    private void refuseImplicitHead(Context ctx) {
        String path = ctx.path();
        if (ctx.method() == HandlerType.HEAD
                && path.startsWith("/api/")
                && !state.internalRouter.hasHttpHandlerEntry(HandlerType.HEAD, path)) {
            throw new ApiException.NotFound("No endpoint HEAD " + path, Map.of("method", "HEAD", "path", path));
        }
    }

    /**
     * Fails (naming the first one) if an API route of the started app has no rule. Call it once the
     * app is built: the router wraps handlers lazily, so without this a route missing from the table
     * would only fail when first called.
     */
    public void verifyEveryRouteHasARule() {
        if (state == null) {
            throw new IllegalStateException("AccessFilter was not registered on the app");
        }
        for (ParsedEndpoint parsed : state.internalRouter.allHttpHandlers()) {
            Endpoint endpoint = parsed.endpoint;
            if (HTTP.contains(endpoint.method)
                    && endpoint.path.startsWith("/api/")
                    && routes.find(endpoint.method, endpoint.path).isEmpty()) {
                throw new IllegalStateException("The route " + endpoint.method + " " + endpoint.path
                        + " has no access rule: add one to RouteTable");
            }
        }
    }

    private Handler wrap(Endpoint endpoint) {
        if (!HTTP.contains(endpoint.method) || !endpoint.path.startsWith("/api/")) {
            return endpoint.handler;
        }
        Handler handler = inner.wrap(endpoint);
        RouteRule rule = routes.find(endpoint.method, endpoint.path)
                .orElseThrow(() -> new IllegalStateException("The route " + endpoint.method + " " + endpoint.path
                        + " has no access rule: add one to RouteTable"));
        boolean playerRoute = QUERY_TOKEN_ROUTES.contains(endpoint.method.name() + " " + endpoint.path);
        return ctx -> {
            Principal principal = access.authenticator().authenticate(ctx, playerRoute);
            ctx.attribute(Access.PRINCIPAL_ATTRIBUTE, principal);
            Resource resource = rule.resource().apply(ctx);
            access.enforce(
                    ctx,
                    principal,
                    rule.action(),
                    resource,
                    access.authorizer().decide(principal, rule.action(), resource));
            // Handlers that would ask the same question again take this answer (Access.allowedByRoute).
            ctx.attribute(Access.ALLOWED_ATTRIBUTE, new Access.Allowed(principal, rule.action(), resource));
            handler.handle(ctx);
        };
    }
}
