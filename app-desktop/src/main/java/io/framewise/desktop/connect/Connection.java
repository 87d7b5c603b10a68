package io.framewise.desktop.connect;

import io.framewise.desktop.client.ApiClient;
import io.framewise.server.FramewiseServer;
import java.nio.file.Path;

/**
 * A server the app is connected to.
 *
 * @param embedded the server this app runs itself ("work locally"), or null for a remote one
 * @param dataDir the embedded server's data folder, or null; local files allow local stills
 */
public record Connection(ApiClient api, String label, FramewiseServer embedded, Path dataDir) {

    public boolean local() {
        return embedded != null;
    }
}
