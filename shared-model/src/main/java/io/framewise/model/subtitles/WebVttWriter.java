package io.framewise.model.subtitles;

import java.util.List;

/** Writes cues as a WebVTT file; cue text is already safe ({@link CueMarkup}), so it goes out as is. */
public final class WebVttWriter {

    private WebVttWriter() {}

    public static String write(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        int index = 1;
        for (Cue cue : cues) {
            out.append('\n')
                    .append(index++)
                    .append('\n')
                    .append(CueTime.vtt(cue.startMicros()))
                    .append(" --> ")
                    .append(CueTime.vtt(cue.endMicros()))
                    .append('\n')
                    .append(cue.text())
                    .append('\n');
        }
        return out.toString();
    }
}
