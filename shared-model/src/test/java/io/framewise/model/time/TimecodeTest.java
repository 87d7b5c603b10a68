package io.framewise.model.time;

import static io.framewise.model.time.FrameRate.FPS_120;
import static io.framewise.model.time.FrameRate.FPS_23_976;
import static io.framewise.model.time.FrameRate.FPS_25;
import static io.framewise.model.time.FrameRate.FPS_29_97;
import static io.framewise.model.time.FrameRate.FPS_30;
import static io.framewise.model.time.FrameRate.FPS_59_94;
import static io.framewise.model.time.FrameRate.FPS_60;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimecodeTest {

    private static Timecode tc(String text) {
        return Timecode.parse(text);
    }

    @Test
    void dropFrameSkipsTwoLabelsAtTheMinuteAt2997() {
        assertEquals(tc("00:01:00;02"), tc("00:00:59;29").plusFrames(1, FPS_29_97));
        assertEquals(1800, tc("00:01:00;02").toFrameCount(FPS_29_97));
        assertEquals(1799, tc("00:00:59;29").toFrameCount(FPS_29_97));
    }

    @Test
    void dropFrameKeepsEveryTenthMinuteAt2997() {
        assertEquals(tc("00:10:00;00"), tc("00:09:59;29").plusFrames(1, FPS_29_97));
        assertEquals(17982, tc("00:10:00;00").toFrameCount(FPS_29_97));
        assertEquals(17982, Timecode.framesPerDay(FPS_29_97, true) / 144);
    }

    @Test
    void dropFrameRollsOverAtMidnight() {
        assertEquals(tc("00:00:00;00"), tc("23:59:59;29").plusFrames(1, FPS_29_97));
        assertEquals(tc("23:59:59;29"), tc("00:00:00;00").plusFrames(-1, FPS_29_97));
        assertEquals(tc("00:00:00;00"), Timecode.fromFrameCount(2589408, FPS_29_97, true));
        assertEquals(tc("23:59:59;29"), Timecode.fromFrameCount(-1, FPS_29_97, true));
    }

    @Test
    void dropFrameSkipsFourLabelsAtTheMinuteAt5994() {
        assertEquals(tc("00:01:00;04"), tc("00:00:59;59").plusFrames(1, FPS_59_94));
        assertEquals(3600, tc("00:01:00;04").toFrameCount(FPS_59_94));
        assertEquals(tc("00:10:00;00"), tc("00:09:59;59").plusFrames(1, FPS_59_94));
        assertEquals(35964, tc("00:10:00;00").toFrameCount(FPS_59_94));
    }

    @Test
    void framesPerDay() {
        assertEquals(2589408, Timecode.framesPerDay(FPS_29_97, true));
        assertEquals(5178816, Timecode.framesPerDay(FPS_59_94, true));
        assertEquals(2592000, Timecode.framesPerDay(FPS_29_97, false));
        assertEquals(2592000, Timecode.framesPerDay(FPS_30, false));
        assertEquals(2073600, Timecode.framesPerDay(FPS_23_976, false));
        assertEquals(10368000, Timecode.framesPerDay(FPS_120, false));
    }

    @Test
    void nonDropCountsEveryLabel() {
        assertEquals(108000, tc("01:00:00:00").toFrameCount(FPS_30));
        assertEquals(108000, tc("01:00:00:00").toFrameCount(FPS_29_97));
        assertEquals(90000, tc("01:00:00:00").toFrameCount(FPS_25));
        assertEquals(tc("00:01:00:00"), tc("00:00:59:29").plusFrames(1, FPS_29_97));
        assertEquals(tc("01:00:00:00"), Timecode.fromFrameCount(86400, FPS_23_976, false));
    }

    @Test
    void dropAndNonDropDifferByTheDroppedLabels() {
        // One hour of 29.97 drop-frame is 108 labels shorter than non-drop: 2 x 54 drop minutes.
        assertEquals(108000 - 108, tc("01:00:00;00").toFrameCount(FPS_29_97));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:01:00;00", "00:01:00;01", "10:59:00;01"})
    void droppedLabelsDoNotExistAt2997(String label) {
        var e = assertThrows(IllegalArgumentException.class, () -> tc(label).toFrameCount(FPS_29_97));
        assertTrue(e.getMessage().contains(label), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void droppedLabelsAt5994IncludeFramesTwoAndThree() {
        assertThrows(IllegalArgumentException.class, () -> tc("00:01:00;02").toFrameCount(FPS_59_94));
        assertThrows(IllegalArgumentException.class, () -> tc("00:01:00;03").toFrameCount(FPS_59_94));
        assertEquals(3600, tc("00:01:00;04").toFrameCount(FPS_59_94));
    }

    @Test
    void framesAtOrAboveTheTimecodeBaseAreRejected() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> tc("00:00:00:30").toFrameCount(FPS_29_97));
        assertTrue(e.getMessage().contains("frames 30"), e.getMessage());
        assertTrue(e.getMessage().contains("0..29"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tc("00:00:00:25").toFrameCount(FPS_25));
        assertEquals(24, tc("00:00:00:24").toFrameCount(FPS_25));
    }

    @Test
    void dropFrameOnARateWithoutItIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Timecode.fromFrameCount(0, FPS_25, true));
        assertTrue(e.getMessage().contains("25/1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tc("01:00:00;00").toFrameCount(FPS_30));
        assertThrows(IllegalArgumentException.class, () -> Timecode.framesPerDay(FPS_60, true));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "01:02:03:04   | 01:02:03:04 | false",
                "01:02:03;04   | 01:02:03;04 | true",
                "01;02;03;04   | 01:02:03;04 | true",
                "01:02:03.04   | 01:02:03;04 | true",
                "' 1:02:03:04 '| 01:02:03:04 | false",
                "00:00:00:119  | 00:00:00:119 | false"
            })
    void parsesTheNotationsNlesWrite(String text, String formatted, boolean drop) {
        Timecode parsed = tc(text);
        assertEquals(formatted, parsed.toString());
        assertEquals(drop, parsed.dropFrame());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "", "01:02:03", "01:02:03,04", "01:02:03:04:05", "1:2:3:4", "01;02:03;04"})
    void garbageIsNotATimecode(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> tc(text));
        assertEquals("not a timecode: '" + text + "' (expected HH:MM:SS:FF or HH:MM:SS;FF)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"24:00:00:00, hours must be 0..23", "00:60:00:00, minutes must be 0..59", "00:00:60;00, seconds"})
    void outOfRangeFieldsAreNamed(String text, String problem) {
        var e = assertThrows(IllegalArgumentException.class, () -> tc(text));
        assertTrue(e.getMessage().startsWith("not a timecode: '" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void nullIsNotATimecode() {
        assertThrows(IllegalArgumentException.class, () -> Timecode.parse(null));
    }

    @Test
    void constructorRejectsNegativeFields() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Timecode(0, 0, 0, -1, false));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Timecode(-1, 0, 0, 0, false));
    }

    @Test
    void toStringUsesASemicolonOnlyBeforeDropFrameFrames() {
        assertEquals("01:00:00:00", new Timecode(1, 0, 0, 0, false).toString());
        assertEquals("01:00:00;00", new Timecode(1, 0, 0, 0, true).toString());
        assertEquals(
                "00:00:00:119", Timecode.fromFrameCount(119, FPS_120, false).toString());
    }

    @Test
    void indexIsCountedFromTheStartTimecode() {
        Timecode start = tc("01:00:00:00");
        assertEquals(start, Timecode.ofIndex(0, start, FPS_25));
        assertEquals(tc("01:00:01:00"), Timecode.ofIndex(25, start, FPS_25));
        assertEquals(25, Timecode.indexOf(tc("01:00:01:00"), start, FPS_25));
    }

    @Test
    void indexWrapsPastMidnight() {
        Timecode start = tc("23:59:59:00");
        assertEquals(tc("00:00:00:00"), Timecode.ofIndex(25, start, FPS_25));
        assertEquals(25, Timecode.indexOf(tc("00:00:00:00"), start, FPS_25));
        assertEquals(Timecode.framesPerDay(FPS_25, false) - 1, Timecode.indexOf(tc("23:59:58:24"), start, FPS_25));
    }

    @Test
    void indexOfReadsTheLabelInTheMediaCountingMode() {
        Timecode start = tc("00:59:58;00");
        assertEquals(
                Timecode.indexOf(tc("01:00:00;00"), start, FPS_29_97),
                Timecode.indexOf(tc("01:00:00:00"), start, FPS_29_97));
        assertEquals(60, Timecode.indexOf(tc("01:00:00:00"), start, FPS_29_97));
        assertThrows(IllegalArgumentException.class, () -> Timecode.indexOf(tc("01:01:00:00"), start, FPS_29_97));
    }

    @Test
    void ofIndexKeepsTheStartCountingMode() {
        assertTrue(Timecode.ofIndex(1800, tc("00:00:00;00"), FPS_29_97).dropFrame());
        assertEquals(tc("00:01:00;02"), Timecode.ofIndex(1800, tc("00:00:00;00"), FPS_29_97));
    }
}
