package io.framewise.media.probe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the probe names containers and reads start timecode labels. */
class ProbeLabelsTest {

    @Test
    void webmIsToldApartFromMatroskaByItsDocType() {
        assertEquals(Optional.of("webm"), ContainerNames.matroskaDocType(TestMedia.get(Variant.VP9_WEBM)));
        assertEquals(Optional.of("matroska"), ContainerNames.matroskaDocType(TestMedia.get(Variant.SUBTITLED)));
        assertEquals(Optional.empty(), ContainerNames.matroskaDocType(TestMedia.get(Variant.STILL_PNG)));
    }

    @Test
    void timecodeLabelsAreNormalised() {
        assertEquals(Optional.of("01:00:00;00"), StartTimecode.normalise("01:00:00;00"));
        assertEquals(Optional.of("01:00:00;00"), StartTimecode.normalise("01:00:00.00"));
        assertEquals(Optional.of("01:00:00;00"), StartTimecode.normalise("01;00;00;00"));
        assertEquals(Optional.of("00:59:59:00"), StartTimecode.normalise(" 00:59:59:00 "));
        assertEquals(Optional.of("09:01:02:03"), StartTimecode.normalise("9:01:02:03"));
        assertEquals(Optional.empty(), StartTimecode.normalise("01:75:00:00"));
        assertEquals(Optional.empty(), StartTimecode.normalise("yesterday"));
    }
}
