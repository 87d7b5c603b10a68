package io.framewise.desktop.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.framewise.media.architecture.MediaEngineRules;
import org.junit.jupiter.api.Test;

/** The desktop app, and its tests, use the media engine through its public API only (ADR 0032). */
class MediaEngineUseTest {

    @Test
    void desktopUsesNoEngineInternalsAndNoBytedeco() {
        JavaClasses desktop = new ClassFileImporter().importPackages("io.framewise.desktop");
        assertTrue(desktop.size() > 50, "the desktop app's classes were found: " + desktop.size());
        MediaEngineRules.usedThroughPublicApiOnly().check(desktop);
    }
}
