package io.framewise.server.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.framewise.media.architecture.MediaEngineRules;
import org.junit.jupiter.api.Test;

/** The server, and its tests, use the media engine through its public API only (ADR 0032). */
class MediaEngineUseTest {

    @Test
    void serverUsesNoEngineInternalsAndNoBytedeco() {
        JavaClasses server = new ClassFileImporter().importPackages("io.framewise.server");
        assertTrue(server.size() > 100, "the server's classes were found: " + server.size());
        MediaEngineRules.usedThroughPublicApiOnly().check(server);
    }
}
