package io.framewise.media.hls;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.hls.internal.HlsSegmenter;
import io.framewise.media.hls.internal.UprightSize;
import io.framewise.media.transcode.PictureGeometry;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.OutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes an HLS ladder of a media file, in process: renditions such as 1080p / 720p / 360p (a rung
 * taller than the source is left out: never upscaled), each H.264 High + AAC-LC in fMP4 segments, and
 * a master playlist listing them.
 *
 * <p>Every rendition keeps the frame count, order and timing of the original, exactly as the browser
 * proxy does (it is made by the same frame-exact transcoder): frame N of any rendition is frame N of
 * the original. Keyframes come at a fixed cadence ({@link HlsSettings#keyframeSeconds()}, no scene
 * cuts) and segments end on them, so every rendition's segments start on the same frames and a player
 * switching rungs never skips or repeats a frame.
 *
 * <p>The ladder appears under its folder name only when complete: it is written into a hidden sibling
 * folder and renamed, replacing an older ladder. Cancelling stops within a frame, removes the partial
 * folder and throws {@link MediaException.Cancelled}.
 */
public final class HlsLadder {

    /** The master playlist's file name in the ladder's folder. */
    public static final String MASTER = "master.m3u8";

    /** Each rendition's media playlist in its folder. */
    public static final String PLAYLIST = HlsSegmenter.PLAYLIST;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The rung heights a source {@code sourceHeight} lines high (upright) gets: those of the ladder it
     * reaches, or its own height alone when it is smaller than every rung.
     */
    public static List<Integer> rungsFor(int sourceHeight, HlsSettings settings) {
        List<Integer> rungs =
                settings.ladder().stream().filter(h -> h <= sourceHeight).toList();
        return rungs.isEmpty() ? List.of(Math.max(2, sourceHeight - sourceHeight % 2)) : rungs;
    }

    /**
     * Writes the ladder of {@code source} (whose frame map is {@code frameMap}) into {@code folder},
     * which is created or replaced.
     */
    public HlsResult write(
            Path source,
            FrameMap frameMap,
            Path folder,
            HlsSettings settings,
            Progress.Listener listener,
            Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(frameMap, "frameMap");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (frameMap.frameCount() == 0) {
            throw new MediaException.Corrupt(source, "the video stream holds no frames");
        }
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new MediaException.WriteFailed(target, "the folder to write the ladder in does not exist");
        }
        cancel.check(target);
        PictureGeometry upright = UprightSize.of(source, frameMap.streamIndex());
        List<Integer> rungs = rungsFor(upright.height(), settings);
        Path temp =
                parent.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + ".part");
        boolean done = false;
        try {
            Files.createDirectory(temp);
            List<HlsRendition> renditions = new ArrayList<>();
            long repeated = 0;
            for (int i = 0; i < rungs.size(); i++) {
                int rung = rungs.get(i);
                Progress.Listener part = share(listener, i, rungs.size());
                String name = rung + "p";
                Path encoded = temp.resolve(name + ".mp4");
                FrameRangeTranscoder.Result r;
                try (OutputFile file = OutputFile.create(encoded, "mp4")) {
                    r = FrameRangeTranscoder.run(
                            source,
                            frameMap,
                            0,
                            frameMap.frameCount(),
                            settings.encoding(rung),
                            size -> FrameRangeTranscoder.Decoration.NONE,
                            file,
                            part,
                            cancel);
                }
                repeated = Math.max(repeated, r.repeatedFrames());
                Path dir = Files.createDirectory(temp.resolve(name));
                String codecs = HlsSegmenter.split(encoded, dir, settings.segmentSeconds(), cancel);
                Files.delete(encoded);
                Playlists.Measured m = Playlists.measure(dir.resolve(PLAYLIST));
                renditions.add(new HlsRendition(
                        name,
                        r.size().width(),
                        r.size().height(),
                        r.frames(),
                        m.peakBitrate(),
                        m.averageBitrate(),
                        codecs,
                        m.segments()));
            }
            Files.writeString(
                    temp.resolve(MASTER),
                    Playlists.master(renditions, frameMap.frameRate().fps()),
                    StandardCharsets.UTF_8);
            cancel.check(target);
            replace(temp, target);
            done = true;
            listener.onProgress(new Progress(1.0, frameMap.frameCount() * rungs.size(), 0, java.util.Optional.empty()));
            return new HlsResult(target, renditions, repeated);
        } catch (IOException e) {
            throw new MediaException.WriteFailed(target, "cannot write the ladder: " + e.getMessage());
        } finally {
            if (!done) {
                deleteTree(temp);
            }
        }
    }

    /** Rendition {@code index} of {@code count} reports its share of the whole, below 1 until all are done. */
    private static Progress.Listener share(Progress.Listener listener, int index, int count) {
        return p -> listener.onProgress(new Progress(
                Math.min(0.999, (index + p.fraction()) / count), p.framesDone(), p.framesPerSecond(), p.remaining()));
    }

    private static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(
                    "." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + ".old");
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
