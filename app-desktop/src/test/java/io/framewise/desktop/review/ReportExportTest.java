package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.testing.ReviewServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Export report...": the server's PDF saved whole where asked, or nothing and a reason. */
class ReportExportTest {

    private final ReviewServer server = ReviewServer.get();
    private final ReportExport export = new ReportExport(Runnable::run, Runnable::run);

    @Test
    void savesTheReviewReportAsAPdf(@TempDir Path dir) {
        Path file = dir.resolve(ReportExport.suggestedName("Harbour"));
        assertEquals("Harbour_notes.pdf", file.getFileName().toString());
        export.save(server.api, server.v1.id(), file).join();
        assertEquals(
                "Saved the report as Harbour_notes.pdf",
                export.messageProperty().get());
        assertFalse(export.busyProperty().get());
        byte[] pdf = assertDoesNotThrowRead(file);
        assertEquals("%PDF-", new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII));
        String tail = new String(Arrays.copyOfRange(pdf, pdf.length - 16, pdf.length), StandardCharsets.US_ASCII);
        assertTrue(tail.contains("%%EOF"), "a whole PDF: " + tail);
    }

    @Test
    void aRefusedReportLeavesNoFileAndSaysWhy(@TempDir Path dir) {
        Path file = dir.resolve("missing_notes.pdf");
        export.save(server.api, "AAAAAAAAAAAAAAAAAAAAAA", file).join();
        assertTrue(
                export.messageProperty().get().startsWith("The report was not saved: "),
                export.messageProperty().get());
        assertFalse(Files.exists(file));
        assertEquals(0, dir.toFile().list().length, "no partial file either");
    }

    @Test
    void suggestedNamesAreFileNames() {
        assertEquals("a_b_c_notes.pdf", ReportExport.suggestedName("a/b:c"));
        assertEquals("review_notes.pdf", ReportExport.suggestedName("  "));
        assertEquals("review_notes.pdf", ReportExport.suggestedName(null));
    }

    private static byte[] assertDoesNotThrowRead(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new AssertionError("the report was not written: " + e, e);
        }
    }
}
