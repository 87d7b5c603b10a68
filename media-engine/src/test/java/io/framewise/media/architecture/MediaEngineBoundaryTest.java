package io.framewise.media.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.framewise.media.ringa.RingA;
import io.framewise.media.ringb.RingB;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's boundary rules hold over its classes, and each of them catches a violation. */
class MediaEngineBoundaryTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.framewise.media");
        assertTrue(engine.size() > 50, "the engine's classes were found: " + engine.size());
    }

    @Test
    void bytedecoOnlyInInternalPackages() {
        MediaEngineRules.bytedecoOnlyInInternalPackages().check(engine);
    }

    @Test
    void publicApiSpeaksOwnTypes() {
        MediaEngineRules.publicApiSpeaksOwnTypes().check(engine);
    }

    @Test
    void noCyclesBetweenFeatures() {
        MediaEngineRules.noCyclesBetweenFeatures().check(engine);
    }

    @Test
    void eachRuleCatchesAViolation() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
        assertThrows(AssertionError.class, () -> MediaEngineRules.bytedecoOnlyInInternalPackages()
                .check(leaky));
        assertThrows(AssertionError.class, () -> MediaEngineRules.publicApiSpeaksOwnTypes()
                .check(leaky));
        JavaClasses ring = new ClassFileImporter().importClasses(RingA.class, RingB.class);
        assertThrows(AssertionError.class, () -> MediaEngineRules.noCyclesBetweenFeatures()
                .check(ring));
    }

    /** A public class outside an internal package that hands out a Bytedeco type. */
    public static final class LeakyApi {
        public AVFrame frame() {
            return null;
        }
    }
}
