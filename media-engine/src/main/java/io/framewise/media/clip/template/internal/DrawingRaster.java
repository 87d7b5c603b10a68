package io.framewise.media.clip.template.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rasterises a note drawing ({"schema":1,"shapes":[...]}, points normalised to the picture) into
 * transparent RGBA pixels of the clip's size, the way the players draw it: strokes as wide as their
 * width fraction of the picture height, arrows with a head, text in the bundled font.
 */
public final class DrawingRaster {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DrawingRaster() {}

    /** RGBA bytes (width * height * 4) of the drawing. */
    public static byte[] rgba(String shapesJson, int width, int height) {
        JsonNode root;
        try {
            root = JSON.readTree(shapesJson);
        } catch (IOException e) {
            throw new UncheckedIOException("a note drawing is not JSON", e);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (JsonNode shape : root.path("shapes")) {
                draw(g, shape, width, height);
            }
        } finally {
            g.dispose();
        }
        int[] argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[width * height * 4];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            // Java2D's ARGB here is not premultiplied; FFmpeg's rgba is straight alpha too.
            out[i * 4] = (byte) (p >> 16);
            out[i * 4 + 1] = (byte) (p >> 8);
            out[i * 4 + 2] = (byte) p;
            out[i * 4 + 3] = (byte) a;
        }
        return out;
    }

    private static void draw(Graphics2D g, JsonNode shape, int w, int h) {
        String type = shape.path("type").asText();
        g.setColor(color(shape.path("color").asText("#FF0000")));
        float stroke = (float) Math.max(1, shape.path("width").asDouble(0.005) * h);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        JsonNode pts = shape.path("points");
        if (pts.size() == 0) {
            return;
        }
        double x0 = pts.get(0).get(0).asDouble() * w;
        double y0 = pts.get(0).get(1).asDouble() * h;
        double x1 = pts.size() > 1 ? pts.get(1).get(0).asDouble() * w : x0;
        double y1 = pts.size() > 1 ? pts.get(1).get(1).asDouble() * h : y0;
        switch (type) {
            case "pen" -> {
                Path2D path = new Path2D.Double();
                path.moveTo(x0, y0);
                for (int i = 1; i < pts.size(); i++) {
                    path.lineTo(
                            pts.get(i).get(0).asDouble() * w, pts.get(i).get(1).asDouble() * h);
                }
                g.draw(path);
            }
            case "line" -> g.draw(new Line2D.Double(x0, y0, x1, y1));
            case "arrow" -> {
                g.draw(new Line2D.Double(x0, y0, x1, y1));
                double angle = Math.atan2(y1 - y0, x1 - x0);
                double head = stroke * 4;
                Path2D tip = new Path2D.Double();
                tip.moveTo(x1, y1);
                tip.lineTo(x1 - head * Math.cos(angle - Math.PI / 7), y1 - head * Math.sin(angle - Math.PI / 7));
                tip.lineTo(x1 - head * Math.cos(angle + Math.PI / 7), y1 - head * Math.sin(angle + Math.PI / 7));
                tip.closePath();
                g.fill(tip);
            }
            case "rect" -> g.draw(
                    new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0)));
            case "ellipse" -> g.draw(
                    new Ellipse2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0)));
            case "text" -> {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.round(stroke * 6))));
                g.drawString(shape.path("text").asText(""), (float) x0, (float) y0);
            }
            default -> {
                // Unknown kinds come from a newer schema; the notes API refuses them, so nothing to draw.
            }
        }
    }

    private static Color color(String hex) {
        try {
            return new Color(Integer.parseInt(hex.substring(1), 16));
        } catch (RuntimeException e) {
            return Color.RED;
        }
    }
}
