package io.framewise.server.access;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a route needs: an action on a resource taken from the request. Handlers whose resource is
 * in the body (filing media into a project, editing a note's text versus resolving it) refine the
 * decision through {@link Access#require} with the same authorizer.
 */
public record RouteRule(Action action, Function<Context, Resource> resource) {

    public RouteRule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
    }

    public static RouteRule open() {
        return new RouteRule(Action.PUBLIC, ctx -> Resource.SERVER);
    }

    public static RouteRule server(Action action) {
        return new RouteRule(action, ctx -> Resource.SERVER);
    }

    public static RouteRule project(Action action) {
        return new RouteRule(action, ctx -> new Resource.Project(ctx.pathParam("id")));
    }

    public static RouteRule asset(Action action) {
        return new RouteRule(action, ctx -> new Resource.Asset(ctx.pathParam("id")));
    }

    public static RouteRule media(Action action) {
        return new RouteRule(action, ctx -> new Resource.Media(ctx.pathParam("id")));
    }

    public static RouteRule note(Action action) {
        return new RouteRule(action, ctx -> new Resource.Note(ctx.pathParam("id")));
    }

    public static RouteRule user(Action action) {
        return new RouteRule(action, ctx -> new Resource.User(ctx.pathParam("id")));
    }
}
