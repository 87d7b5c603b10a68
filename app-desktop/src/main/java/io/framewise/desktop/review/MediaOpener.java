package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.connect.Connection;
import io.framewise.desktop.player.LocalStills;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.RemoteStills;
import io.framewise.desktop.player.SeekStills;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.player.StillSource;
import io.framewise.model.time.FrameRate;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a media item for review: where the player streams it from and where its stills come from.
 * On the app's own embedded server both are the local file (stills decoded here by the media
 * engine); on a remote server the player streams the original and stills come from the server.
 */
public final class MediaOpener {

    /** Makes the native player for a source; the app's makes VLC, a test's may make none. */
    @FunctionalInterface
    public interface PlayerFactory {
        /** {@code keyframes}: the media's keyframe indices, ascending (from its frame map). */
        Player open(String mrl, FrameRate rate, long[] keyframes);
    }

    /**
     * An opened item: its timing, player, still cache and the server's seek stills (null for a
     * single frame); closing releases the player and decoder.
     */
    public record Opened(MediaItem item, ClipTiming timing, Player player, StillCache stills, SeekStills seeks)
            implements AutoCloseable {
        @Override
        public void close() {
            player.close();
            stills.close();
        }
    }

    private final PlayerFactory players;

    public MediaOpener(PlayerFactory players) {
        this.players = players;
    }

    public Opened open(Connection connection, String mediaId) {
        MediaItem item = connection.api().media(mediaId);
        if (!item.ready()) {
            throw new IllegalStateException(item.name() + " is " + item.status()
                    + (item.error() == null ? "" : ": " + item.error()) + "; it can be reviewed once it is ready");
        }
        ClipTiming timing = ClipTiming.of(item);
        Optional<Path> local = localFile(connection, mediaId);
        String mrl = local.map(Path::toString)
                .orElseGet(() -> connection.api().streamUri(mediaId, "original").toString());
        StillSource source =
                local.<StillSource>map(LocalStills::new).orElseGet(() -> new RemoteStills(connection.api(), mediaId));
        long[] keyframes = source instanceof LocalStills ls
                ? ls.keyframes()
                : connection.api().frameMap(mediaId).keyframes();
        Player player = players.open(mrl, timing.rate(), keyframes);
        // Asked of the server even in host mode, where exact stills are decoded here: the seek proxy
        // is the server's file and its one-keyframe decode beats any local decode of a long GOP.
        // Every video asks; an item without one answers 404 once and its jumps wait for the exact still.
        SeekStills seeks = timing.frameCount() > 1 ? new SeekStills(connection.api(), mediaId) : null;
        return new Opened(item, timing, player, new StillCache(source, timing.frameCount(), 96, 6), seeks);
    }

    private static Optional<Path> localFile(Connection connection, String mediaId) {
        return connection.embedded() == null
                ? Optional.empty()
                : connection.embedded().localOriginal(mediaId);
    }
}
