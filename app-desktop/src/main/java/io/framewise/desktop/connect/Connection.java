package io.framewise.desktop.connect;

import io.framewise.desktop.client.ApiClient;
import io.framewise.server.embedded.EmbeddedServer;

/**
 * A server the app is connected to.
 *
 * @param embedded the server this app runs itself ("work locally", "host on LAN"), or null for a
 *     remote one; its media files are on this disk, so they are played and decoded directly
 */
public record Connection(ApiClient api, String label, EmbeddedServer embedded) {

    public boolean local() {
        return embedded != null;
    }
}
