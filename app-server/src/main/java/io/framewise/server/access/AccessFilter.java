package io.framewise.server.access;

import io.framewise.server.Feature;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
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

    private final Access access;
    private final RouteTable routes;

    public AccessFilter(Access access, RouteTable routes) {
        this.access = access;
        this.routes = routes;
    }

    public RouteTable routes() {
        return routes;
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.router.handlerWrapper(this::wrap);
    }

    private Handler wrap(Endpoint endpoint) {
        Handler handler = endpoint.handler;
        if (!HTTP.contains(endpoint.method) || !endpoint.path.startsWith("/api/")) {
            return handler;
        }
        RouteRule rule = routes.find(endpoint.method, endpoint.path)
                .orElseThrow(() -> new IllegalStateException("The route " + endpoint.method + " " + endpoint.path
                        + " has no access rule: add one to RouteTable"));
        return ctx -> {
            Principal principal = access.authenticator().authenticate(ctx, false);
            ctx.attribute(Access.PRINCIPAL_ATTRIBUTE, principal);
            Resource resource = rule.resource().apply(ctx);
            access.enforce(
                    ctx,
                    principal,
                    rule.action(),
                    resource,
                    access.authorizer().decide(principal, rule.action(), resource));
            handler.handle(ctx);
        };
    }
}
