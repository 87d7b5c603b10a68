package io.framewise.server.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Text as one embedded font can show it: characters the font has no glyph for become '?' (a note in
 * a script DejaVu lacks stays readable where it can, instead of failing the whole report), control
 * characters go, tabs become spaces; and text broken into lines that fit a width, words kept whole
 * unless one alone is wider than the line.
 */
final class PdfText {

    private final PDType0Font font;
    private final Map<Integer, Boolean> shown = new HashMap<>();

    PdfText(PDType0Font font) {
        this.font = font;
    }

    PDType0Font font() {
        return font;
    }

    /** The text with every character the font can draw, others replaced, on one line. */
    String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t' || c == '\n' || c == '\r') {
                sb.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                // Invisible: nothing to draw.
            } else if (shown.computeIfAbsent(c, this::hasGlyph)) {
                sb.appendCodePoint(c);
            } else {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private boolean hasGlyph(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** The width of cleaned text at {@code size} points. */
    float width(String cleaned, float size) {
        try {
            return font.getStringWidth(cleaned) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text's lines at {@code size} points within {@code maxWidth}: paragraphs at its line breaks,
     * each wrapped at spaces; an empty paragraph stays as an empty line.
     */
    List<String> wrap(String text, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\r\n|\r|\n", -1)) {
            wrapParagraph(clean(paragraph).strip(), size, maxWidth, lines);
        }
        while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private void wrapParagraph(String paragraph, float size, float maxWidth, List<String> into) {
        if (paragraph.isEmpty()) {
            into.add("");
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" +")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate, size) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                into.add(line.toString());
                line.setLength(0);
            }
            // A word wider than the line (a long URL) is cut where it reaches the edge.
            String rest = word;
            while (width(rest, size) > maxWidth) {
                int cut = fitting(rest, size, maxWidth);
                into.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            into.add(line.toString());
        }
    }

    /**
     * How many chars of {@code s} fit, at least one code point so that cutting always advances.
     * Widths are summed glyph by glyph (the font's string width is that sum), so a long word costs
     * one pass.
     */
    private int fitting(String s, float size, float maxWidth) {
        int end = s.offsetByCodePoints(0, 1);
        float used = width(s.substring(0, end), size);
        while (end < s.length()) {
            int next = s.offsetByCodePoints(end, 1);
            used += width(s.substring(end, next), size);
            if (used > maxWidth) {
                break;
            }
            end = next;
        }
        return end;
    }
}
