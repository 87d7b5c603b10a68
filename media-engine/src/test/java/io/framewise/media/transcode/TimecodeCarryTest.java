package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxies and clips keep the source's timecode: their frame 0 is labelled as in the original. */
class TimecodeCarryTest {

    @TempDir
    Path tmp;

    @Test
    void proxyKeepsTheStartTimecode() {
        Path out = tmp.resolve("proxy.mp4");
        new ProxyTranscoder()
                .transcode(
                        TestMedia.get(Variant.H264_2997_DF),
                        out,
                        ProxySettings.DEFAULT,
                        Progress.Listener.NONE,
                        Cancellation.NEVER);
        assertEquals(Optional.of("01:00:00;00"), MediaProbe.probe(out).startTimecode());
    }

    @Test
    void clipsStartAtTheTimecodeOfTheirFirstFrame() {
        Path source = TestMedia.get(Variant.H264_2997_DF);
        for (ClipMode mode : ClipMode.values()) {
            Path out = tmp.resolve(mode + ".mp4");
            ClipResult result = new ClipCutter()
                    .cut(
                            source,
                            out,
                            FrameRange.of(30, 90),
                            mode,
                            ClipOptions.DEFAULT,
                            Progress.Listener.NONE,
                            Cancellation.NEVER);
            // 30 frames after 01:00:00;00 at 29.97 drop-frame is one second later.
            String expected = result.actual().in() == 30 ? "01:00:01;00" : "01:00:00;00";
            assertEquals(Optional.of(expected), MediaProbe.probe(out).startTimecode(), mode.toString());
        }
    }

    @Test
    void nonDropTimecodeRollsIntoTheNextHour() {
        Path out = tmp.resolve("prores.mov");
        new ClipCutter()
                .cut(
                        TestMedia.get(Variant.PRORES_23976),
                        out,
                        FrameRange.of(24, 48),
                        ClipMode.REENCODE,
                        ClipOptions.DEFAULT,
                        Progress.Listener.NONE,
                        Cancellation.NEVER);
        assertEquals(Optional.of("01:00:00:00"), MediaProbe.probe(out).startTimecode());
    }

    @Test
    void mediaWithoutTimecodeGetNone() {
        Path out = tmp.resolve("plain.mp4");
        new ProxyTranscoder()
                .transcode(
                        TestMedia.get(Variant.MPEG_TS),
                        out,
                        ProxySettings.DEFAULT,
                        Progress.Listener.NONE,
                        Cancellation.NEVER);
        assertEquals(Optional.empty(), MediaProbe.probe(out).startTimecode());
    }
}
