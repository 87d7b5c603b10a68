package io.framewise.model.interchange;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared interchange test files, read in place: {@code shared/testdata/interchange} next to
 * the repository (or any folder above the module), or where {@code framewise.testdata} points.
 */
public final class InterchangeFiles {

    private InterchangeFiles() {}

    public static Path root() {
        String configured = System.getProperty("framewise.testdata");
        if (configured != null) {
            return Path.of(configured).resolve("interchange");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata").resolve("interchange");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no shared/testdata/interchange above " + Path.of("").toAbsolutePath());
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
