package io.framewise.server.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Reads a PDF back with Debian's poppler-utils, as a reader's viewer would show it: page count
 * ({@code pdfinfo}), text ({@code pdftotext}), fonts ({@code pdffonts}) and pages as pictures
 * ({@code pdftoppm}).
 */
final class PdfTools {

    private PdfTools() {}

    static int pages(Path pdf) throws Exception {
        Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(run("pdfinfo", pdf.toString()));
        assertTrue(m.find(), "pdfinfo names the page count");
        return Integer.parseInt(m.group(1));
    }

    /** The text of page {@code page} (1-based) as pdftotext lays it out. */
    static String text(Path pdf, int page) throws Exception {
        return run("pdftotext", "-layout", "-f", "" + page, "-l", "" + page, pdf.toString(), "-");
    }

    /** The whole text, pages separated by form feeds. */
    static String text(Path pdf) throws Exception {
        return run("pdftotext", "-layout", pdf.toString(), "-");
    }

    /** The rows of pdffonts after its header: name, type, encoding, emb, sub, uni, object, id. */
    static List<String[]> fonts(Path pdf) throws Exception {
        List<String[]> rows = new ArrayList<>();
        String[] lines = run("pdffonts", pdf.toString()).split("\n");
        for (int i = 2; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(lines[i].trim().split("\\s+"));
            }
        }
        return rows;
    }

    /** Page {@code page} rendered at 72 dpi: one pixel a point. */
    static BufferedImage render(Path pdf, int page) throws Exception {
        Path prefix = pdf.resolveSibling(pdf.getFileName() + "-p" + page);
        run(
                "pdftoppm",
                "-r",
                "72",
                "-png",
                "-singlefile",
                "-f",
                "" + page,
                "-l",
                "" + page,
                pdf.toString(),
                prefix.toString());
        BufferedImage image = ImageIO.read(Path.of(prefix + ".png").toFile());
        assertTrue(image != null, "pdftoppm wrote a PNG");
        return image;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pdftool", ".txt");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> String.join(" ", cmd) + " did not finish");
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + ": " + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
