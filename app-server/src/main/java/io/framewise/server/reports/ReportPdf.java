package io.framewise.server.reports;

import io.framewise.media.clip.ClipOptions;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes a {@link ReviewReport} as an A4 PDF: a title page, then the threads in frame order, each
 * with its still, and "Page N of M" on every page. Fonts are DejaVu Sans from Debian's
 * fonts-dejavu-core, found where the clip templates find it, embedded as subsets.
 *
 * <p>Pages are written as they are laid out and each still goes into the document's scratch file
 * once drawn, so a report of many notes holds one decoded still in memory at a time. Page numbers
 * are added at the end, when the count is known.
 */
final class ReportPdf {

    /** The regular face, as the clip templates use it. */
    static final Path FONT = ClipOptions.DEFAULT_FONT;
    /** The bold face, from the same Debian package. */
    static final Path BOLD_FONT = FONT.resolveSibling("DejaVuSans-Bold.ttf");

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 50;
    static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    /** Room kept at the bottom of each page for its number. */
    static final float FOOTER = 30;
    /** The tallest a still may be, so that two threads usually share a page. */
    static final float STILL_MAX_HEIGHT = 270;

    static final float HEADING_SIZE = 12;
    static final float TEXT_SIZE = 10.5f;
    static final float SMALL_SIZE = 9;
    static final float LEADING = 1.35f;
    static final float REPLY_INDENT = 18;

    /** Where a thread's still comes, given its picture's size. */
    interface Stills {
        /** The entry's still with its drawing burned in, or null when the frame has none to show. */
        BufferedImage of(ReviewReport.Entry entry) throws IOException;
    }

    /** Checked between threads: throws to stop a report that takes too long. */
    interface Budget {
        void check();
    }

    private final ReviewReport report;
    private final Stills stills;
    private final Budget budget;
    private PDDocument doc;
    private PdfText regular;
    private PdfText bold;
    private PDPageContentStream out;
    private float y;

    private ReportPdf(ReviewReport report, Stills stills, Budget budget) {
        this.report = report;
        this.stills = stills;
        this.budget = budget;
    }

    /** Writes the report to {@code target}. */
    static void write(ReviewReport report, Stills stills, Budget budget, OutputStream target) throws IOException {
        new ReportPdf(report, stills, budget).write(target);
    }

    /**
     * The box (x, y from the page's top-left, width, height, in points) of a still of a picture of
     * {@code w x h} pixels in the first thread of a page: the heading line comes first.
     */
    static Rectangle2D firstStillBox(int w, int h) {
        float[] size = stillSize(w, h);
        float top = MARGIN + HEADING_SIZE * LEADING + 4;
        return new Rectangle2D.Float(MARGIN, top, size[0], size[1]);
    }

    private static float[] stillSize(int w, int h) {
        float scale = Math.min(WIDTH / w, STILL_MAX_HEIGHT / h);
        return new float[] {w * scale, h * scale};
    }

    private void write(OutputStream target) throws IOException {
        // A scratch file instead of the heap for the document's streams: stills of a long review
        // would otherwise all stay in memory until it is saved.
        try (PDDocument d = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            doc = d;
            regular = new PdfText(load(FONT));
            bold = new PdfText(load(BOLD_FONT));
            PDDocumentInformation info = d.getDocumentInformation();
            info.setTitle(regular.clean("Review notes: " + report.asset()));
            info.setCreator("Framewise");
            titlePage();
            for (ReviewReport.Entry entry : report.entries()) {
                budget.check();
                entry(entry);
            }
            closePage();
            pageNumbers();
            d.save(target);
        } finally {
            out = null;
            doc = null;
        }
    }

    private PDType0Font load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("the report font " + file + " is missing (install Debian's fonts-dejavu-core)");
        }
        return PDType0Font.load(doc, file.toFile());
    }

    private void titlePage() throws IOException {
        newPage();
        line(bold, 22, "Review report");
        y -= 10;
        line(bold, 16, report.asset());
        y -= 6;
        field("Project", report.project());
        field("Version", report.version());
        field("Approval", report.approval());
        field("Media", report.mediaName());
        field("Timing", report.timing());
        field("Report date", report.generated());
        y -= 8;
        if (report.entries().isEmpty()) {
            paragraph(regular, TEXT_SIZE, 0, "This media item has no notes.");
        } else {
            field(
                    "Notes",
                    report.entries().size() + " (" + report.openCount() + " open, " + report.resolvedCount()
                            + " resolved), " + report.replyCount() + " "
                            + (report.replyCount() == 1 ? "reply" : "replies"));
        }
        closePage();
    }

    private void field(String label, String value) throws IOException {
        if (value == null || value.isBlank()) {
            return;
        }
        float labelWidth = 95;
        List<String> lines = regular.wrap(value, TEXT_SIZE, WIDTH - labelWidth);
        needs(TEXT_SIZE * LEADING);
        y -= TEXT_SIZE * LEADING;
        text(bold, TEXT_SIZE, MARGIN, y, label);
        text(regular, TEXT_SIZE, MARGIN + labelWidth, y, lines.get(0));
        for (String more : lines.subList(1, lines.size())) {
            needs(TEXT_SIZE * LEADING);
            y -= TEXT_SIZE * LEADING;
            text(regular, TEXT_SIZE, MARGIN + labelWidth, y, more);
        }
    }

    private void entry(ReviewReport.Entry e) throws IOException {
        BufferedImage still = stills.of(e);
        float[] size = still == null ? new float[] {0, 0} : stillSize(still.getWidth(), still.getHeight());
        // The heading, the still and the first lines stay together on one page.
        needs(HEADING_SIZE * LEADING + 4 + size[1] + 8 + 3 * TEXT_SIZE * LEADING);
        String range = e.frameOut() == null ? "frame " + e.frame() : "frames " + e.frame() + "–" + (e.frameOut() - 1);
        line(bold, HEADING_SIZE, "#" + e.number() + "   " + e.timecode() + "   " + range + "   " + e.status());
        y -= 4;
        if (still != null) {
            PDImageXObject image = JPEGFactory.createFromImage(doc, still, 0.9f);
            y -= size[1];
            out.drawImage(image, MARGIN, y, size[0], size[1]);
            y -= 8;
        }
        paragraph(regular, SMALL_SIZE, 0, e.author() + " · " + e.written());
        paragraph(regular, TEXT_SIZE, 0, e.text());
        for (ReviewReport.Reply r : e.replies()) {
            y -= 3;
            paragraph(bold, SMALL_SIZE, REPLY_INDENT, r.author() + " · " + r.written());
            paragraph(regular, TEXT_SIZE, REPLY_INDENT, r.text());
        }
        y -= 18;
    }

    private void paragraph(PdfText font, float size, float indent, String text) throws IOException {
        for (String l : font.wrap(text, size, WIDTH - indent)) {
            needs(size * LEADING);
            y -= size * LEADING;
            text(font, size, MARGIN + indent, y, l);
        }
    }

    private void line(PdfText font, float size, String text) throws IOException {
        paragraph(font, size, 0, text);
    }

    private void text(PdfText font, float size, float x, float baseline, String s) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        out.beginText();
        out.setFont(font.font(), size);
        out.newLineAtOffset(x, baseline);
        out.showText(font.clean(s));
        out.endText();
    }

    /** Starts a new page when {@code height} more points do not fit above the footer. */
    private void needs(float height) throws IOException {
        if (out == null || y - height < MARGIN + FOOTER) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        closePage();
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = PAGE.getHeight() - MARGIN;
    }

    private void closePage() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private void pageNumbers() throws IOException {
        int total = doc.getNumberOfPages();
        String asset = regular.clean(report.asset());
        for (int i = 0; i < total; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream footer =
                    new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                out = footer;
                String number = "Page " + (i + 1) + " of " + total;
                float baseline = MARGIN - 10;
                text(
                        regular,
                        SMALL_SIZE,
                        PAGE.getWidth() - MARGIN - regular.width(number, SMALL_SIZE),
                        baseline,
                        number);
                String left = asset;
                while (regular.width(left, SMALL_SIZE) > WIDTH * 0.6f && left.length() > 1) {
                    left = left.substring(0, left.length() - 2) + "…";
                }
                text(regular, SMALL_SIZE, MARGIN, baseline, left);
            } finally {
                out = null;
            }
        }
    }
}
