package io.framewise.desktop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.framewise.desktop.architecture.fixture.FrameIndexOffender;
import io.framewise.media.architecture.FrameIndexScan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.beans.value.ObservableIntegerValue;
import org.junit.jupiter.api.Test;

/**
 * A frame index, and a count of frames, is a {@code long} in the desktop app as in the model and
 * the engine (ADR 0032): no public parameter, record component, frame-returning method or frame
 * property named like one is an {@code int}. The module compiles with {@code -parameters}, so
 * parameter names can be read here. The scan is media-engine's {@link FrameIndexScan}, with the desktop's names.
 */
class FrameIndexTypeTest {

    /** Names of a frame index, a count of frames or a step in frames. */
    static final Pattern FRAME_NAME = Pattern.compile("frame|frames|frameIndex|frameCount|frameNumber|in|out"
            + "|keyframe|keyframes|startFrame|endFrame|firstFrame|lastFrame|fromFrame|toFrame|target|maxFrames"
            + "|keyframeCount|loopIn|loopOut|.+FrameIndex|.+FrameCount");

    /** Packages where a bare {@code index} is a frame index (elsewhere it may index rows or tiles). */
    static final Pattern FRAME_PACKAGES = Pattern.compile("io\\.framewise\\.desktop\\.(player|review|compare)");

    /** Methods that answer a frame index or a count of frames ({@code pause} answers the frame shown). */
    static final Pattern FRAME_METHOD = Pattern.compile("frame|frameCount|keyframeCount|frameAt.*|keyframeAt.*"
            + "|keyframeAfter|frameIndex|firstFrame|lastFrame|lastShown|pause|.+FrameIndex|.+FrameCount");

    /** JavaFX properties that hold a frame index or count (the playhead, the loop points). */
    static final Pattern FRAME_PROPERTY = Pattern.compile("(frame|frameCount|loopIn|loopOut|.+Frame)Property");

    @Test
    void frameIndicesAndCountsAreLongs() {
        JavaClasses desktop = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.framewise.desktop");
        List<String> found = new ArrayList<>();
        desktop.stream().map(JavaClass::reflect).forEach(c -> found.addAll(intFrameIndices(c)));
        assertEquals(List.of(), found, "frame indices and counts typed int");
    }

    @Test
    void anIntFrameIndexIsCaught() {
        String offender = FrameIndexOffender.class.getName();
        String span = FrameIndexOffender.Span.class.getName();
        // The fixture's package is not a frame package, so its bare "index" is caught only in one.
        assertEquals(
                Stream.of(
                                offender + ".frame()",
                                offender + ".frameProperty()",
                                span + ".<init>(in)",
                                span + ".<init>(keyframes)",
                                span + ".in",
                                span + ".keyframes")
                        .sorted()
                        .toList(),
                Stream.concat(
                                intFrameIndices(FrameIndexOffender.class).stream(),
                                intFrameIndices(FrameIndexOffender.Span.class).stream())
                        .sorted()
                        .toList());
        assertEquals(
                List.of(offender + ".seek(index)"),
                intFrameIndices(FrameIndexOffender.class, true).stream()
                        .filter(s -> s.contains("index"))
                        .toList());
    }

    /** The shared scan, with the desktop's names and its int frame properties. */
    private static final FrameIndexScan SCAN = new FrameIndexScan(
            FRAME_NAME,
            FRAME_PACKAGES,
            FRAME_METHOD,
            m -> ObservableIntegerValue.class.isAssignableFrom(m.getReturnType())
                    && FRAME_PROPERTY.matcher(m.getName()).matches());

    /** The public API of {@code c} that types a frame index or count as int. */
    static List<String> intFrameIndices(Class<?> c) {
        return SCAN.intFrameIndices(c);
    }

    private static List<String> intFrameIndices(Class<?> c, boolean indexIsAFrame) {
        return SCAN.intFrameIndices(c, indexIsAFrame);
    }
}
