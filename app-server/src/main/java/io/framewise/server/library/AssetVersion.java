package io.framewise.server.library;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/** One version in an asset's stack. @param number 1 for the first version, then 2, 3... */
public record AssetVersion(String id, String assetId, int number, String mediaId, Instant created) {

    public AssetVersion {
        Ids.require("id", id);
        Ids.require("assetId", assetId);
        Require.range("number", number, 1, Integer.MAX_VALUE);
        Ids.require("mediaId", mediaId);
        Require.present("created", created);
    }
}
