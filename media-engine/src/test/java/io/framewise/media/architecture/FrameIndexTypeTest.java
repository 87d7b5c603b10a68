package io.framewise.media.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A frame index, and a count of frames, is a {@code long} everywhere in the public API of the shared
 * model and the media engine (ADR 0032): no parameter, record component or frame-returning method
 * named like one is an {@code int}. Both modules compile with {@code -parameters}, so parameter names
 * can be read here.
 */
class FrameIndexTypeTest {

    /** Names of a frame index or a frame count. ({@code Timecode.frames} is the ff of hh:mm:ss:ff.) */
    static final Pattern FRAME_NAME = Pattern.compile("frame|frameIndex|frameCount|frameNumber|in|out|keyframe"
            + "|startFrame|endFrame|firstFrame|lastFrame|fromFrame|toFrame|target|maxFrames|keyframeCount"
            + "|framesCopied|framesReencoded|.+FrameIndex|.+FrameCount");

    /** Packages where a bare {@code index} is a frame index (elsewhere it may index streams or peaks). */
    static final Pattern FRAME_PACKAGES =
            Pattern.compile("io\\.framewise\\.(media\\.(still|thumbs|framemap|clip)|model\\.time)(\\..+)?");

    /** Methods that answer a frame index or a count of frames. */
    static final Pattern FRAME_METHOD = Pattern.compile(
            "frameCount|keyframeCount|frameAt.*|keyframeAt.*|keyframeAfter|frameIndex|firstFrame|lastFrame|.+FrameIndex"
                    + "|.+FrameCount");

    @Test
    void frameIndicesAndCountsAreLongs() {
        List<String> found = new ArrayList<>();
        Stream.of("io.framewise.model", "io.framewise.media")
                .flatMap(p -> new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(p).stream())
                .map(JavaClass::reflect)
                .forEach(c -> found.addAll(intFrameIndices(c)));
        assertEquals(List.of(), found, "frame indices and counts typed int");
    }

    @Test
    void anIntFrameIndexIsCaught() {
        assertEquals(
                Stream.of(
                                FrameIndexOffender.class.getName() + ".at(frame)",
                                FrameIndexOffender.class.getName() + ".frameCount()",
                                FrameIndexOffender.Span.class.getName() + ".<init>(in)",
                                FrameIndexOffender.Span.class.getName() + ".in")
                        .sorted()
                        .toList(),
                Stream.concat(
                                intFrameIndices(FrameIndexOffender.class).stream(),
                                intFrameIndices(FrameIndexOffender.Span.class).stream())
                        .sorted()
                        .toList());
    }

    private static final FrameIndexScan SCAN = new FrameIndexScan(FRAME_NAME, FRAME_PACKAGES, FRAME_METHOD, m -> false);

    /** The public API of {@code c} that types a frame index or count as int. */
    static List<String> intFrameIndices(Class<?> c) {
        return SCAN.intFrameIndices(c);
    }
}
