package io.framewise.desktop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.framewise.desktop.architecture.fixture.FrameIndexOffender;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
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
 * parameter names can be read here. (media-engine's FrameIndexTypeTest does the same there.)
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

    /** The public API of {@code c} that types a frame index or count as int. */
    static List<String> intFrameIndices(Class<?> c) {
        return intFrameIndices(c, FRAME_PACKAGES.matcher(c.getPackageName()).matches());
    }

    private static List<String> intFrameIndices(Class<?> c, boolean indexIsAFrame) {
        List<String> found = new ArrayList<>();
        if (!isPublicApi(c)) {
            return found;
        }
        Pattern names = indexIsAFrame ? Pattern.compile(FRAME_NAME.pattern() + "|index|indices") : FRAME_NAME;
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (isInt(rc.getType()) && names.matcher(rc.getName()).matches()) {
                    found.add(c.getName() + "." + rc.getName());
                }
            }
        }
        List<Executable> code = new ArrayList<>(List.of(c.getDeclaredConstructors()));
        code.addAll(List.of(c.getDeclaredMethods()));
        for (Executable e : code) {
            if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic()) {
                continue;
            }
            for (Parameter p : e.getParameters()) {
                assertTrue(p.isNamePresent(), c.getName() + " is not compiled with -parameters");
                if (isInt(p.getType()) && names.matcher(p.getName()).matches()) {
                    found.add(c.getName() + "." + name(e) + "(" + p.getName() + ")");
                }
            }
            if (e instanceof Method m && returnsIntFrame(m)) {
                found.add(c.getName() + "." + m.getName() + "()");
            }
        }
        return found;
    }

    private static boolean returnsIntFrame(Method m) {
        return (m.getReturnType() == int.class
                        && FRAME_METHOD.matcher(m.getName()).matches())
                || (ObservableIntegerValue.class.isAssignableFrom(m.getReturnType())
                        && FRAME_PROPERTY.matcher(m.getName()).matches());
    }

    private static boolean isInt(Class<?> type) {
        return type == int.class || type == int[].class;
    }

    private static String name(Executable e) {
        return e instanceof Method ? e.getName() : "<init>";
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
