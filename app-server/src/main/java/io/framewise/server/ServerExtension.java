package io.framewise.server;

import jakarta.servlet.Filter;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Servlet filters that a build adds around every request of every server {@link ServerApp} starts,
 * found with {@link ServiceLoader} and used only when the system property {@value #PROPERTY} is
 * {@code true}. The server's own tests set it so their contract check sees every exchange (see
 * docs/decisions/0029); a product build never sets it, and then nothing is looked up.
 */
public interface ServerExtension {

    /** The system property that turns extensions on. */
    String PROPERTY = "framewise.server.extensions";

    /** The filters to put in front of the app, outermost first. */
    List<Filter> filters();

    /** The extensions on the class path when {@value #PROPERTY} is {@code true}, else none. */
    static List<ServerExtension> enabled() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return List.of();
        }
        return ServiceLoader.load(ServerExtension.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
