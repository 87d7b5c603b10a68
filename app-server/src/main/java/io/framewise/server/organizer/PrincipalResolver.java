package io.framewise.server.organizer;

import io.framewise.server.access.Principal;
import io.javalin.http.Context;

/** Who is asking, for the organizer routes; the accounts feature supplies the real one. */
@FunctionalInterface
public interface PrincipalResolver {

    Principal resolve(Context ctx);
}
