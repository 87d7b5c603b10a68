package io.framewise.server.interchange.markers;

import io.framewise.model.notes.MarkerColour;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.util.List;

/**
 * The media and notes every exporter test writes: drop-frame 29.97 from 01:00:00;00, 25 fps from
 * 10:00:00:00 and 23.976 from 00:59:59:00, with notes on the frames where counting goes wrong (the
 * labels drop-frame skips, the tenth minute, a day's wrap is far away), a range note, replies, a
 * resolved note and text with markup, quotes, tabs and line breaks.
 */
final class MarkerSamples {

    static final MarkerMedia DF_2997 =
            MarkerMedia.of("Reel 1 \"final\".mov", FrameRate.FPS_29_97, "01:00:00;00", true, 20_000, 1920, 1080);
    static final MarkerMedia NDF_25 =
            MarkerMedia.of("shot_010.mxf", FrameRate.FPS_25, "10:00:00:00", false, 100_000, 1280, 720);
    static final MarkerMedia NDF_23976 =
            MarkerMedia.of("prores é.mov", FrameRate.FPS_23_976, "00:59:59:00", false, 200_000, 320, 240);

    static final List<MarkerMedia> ALL_MEDIA = List.of(DF_2997, NDF_25, NDF_23976);

    private MarkerSamples() {}

    /** Notes on frames chosen for the media's rate; every exporter must land each exactly. */
    static List<MarkerNote> notes(MarkerMedia media) {
        long minute = 60L * media.rate().timecodeBase();
        return List.of(
                new MarkerNote(0, null, MarkerColour.RED, "Ann", "First frame", false, List.of()),
                new MarkerNote(
                        minute - 1,
                        null,
                        MarkerColour.GREEN,
                        "Bob",
                        "Line one\nline two\twith <b>tag</b> & \"quotes\" | pipe",
                        true,
                        List.of(new MarkerNote.Reply("Ann", "Done"), new MarkerNote.Reply("Cy", "Agreed"))),
                new MarkerNote(minute, minute + 12, null, "Cy", "A range", false, List.of()),
                new MarkerNote(17_982, null, MarkerColour.ORANGE, "Ann", "Tenth minute", false, List.of()),
                new MarkerNote(17_983, null, MarkerColour.BLUE, "", "No author", false, List.of()));
    }

    /** The frame a label names on the media's timeline, read in the media's counting mode. */
    static long frameOf(MarkerMedia media, String label) {
        return Timecode.indexOf(Timecode.parse(label), media.start(), media.rate());
    }
}
