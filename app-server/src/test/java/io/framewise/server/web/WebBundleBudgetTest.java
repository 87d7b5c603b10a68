package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The web UI's first load stays small (issue 16): the JavaScript a review link loads before anything
 * shows (the entry script and what it preloads) is at most 150 KB gzipped. Chunks loaded on demand
 * (the HLS player) do not count; the message lists every script's size so growth is visible.
 */
class WebBundleBudgetTest {

    private static final Path WEB = Path.of("target", "classes", "web");
    private static final long BUDGET = 150L * 1024;
    private static final Pattern FIRST_LOAD = Pattern.compile(
            "<(?:script[^>]*\\ssrc|link[^>]*rel=\"modulepreload\"[^>]*\\shref)=\"/(assets/[^\"]+\\.js)\"");

    @Test
    void theFirstLoadIsAtMost150KbGzipped() throws IOException {
        Path index = WEB.resolve("index.html");
        assertTrue(Files.isRegularFile(index), "the web UI is built into " + WEB + " (mvn builds it before the tests)");
        Matcher m = FIRST_LOAD.matcher(Files.readString(index));
        List<String> first = new ArrayList<>();
        while (m.find()) {
            first.add(m.group(1));
        }
        assertFalse(first.isEmpty(), "index.html loads a script");
        long firstLoad = 0;
        StringBuilder report = new StringBuilder();
        try (var scripts = Files.list(WEB.resolve("assets"))) {
            for (Path js :
                    scripts.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                long gz = gzipped(Files.readAllBytes(js));
                boolean counted = first.contains("assets/" + js.getFileName());
                if (counted) {
                    firstLoad += gz;
                }
                report.append(String.format(
                        "%n  %s %d KB gzipped%s",
                        js.getFileName(), gz / 1024, counted ? " (first load)" : " (on demand)"));
            }
        }
        assertTrue(firstLoad <= BUDGET, "first load " + firstLoad / 1024 + " KB gzipped, budget 150 KB:" + report);
    }

    private static long gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        }
        return out.size();
    }
}
