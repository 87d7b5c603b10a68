package io.framewise.server.templates;

import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;

/** The requests the template tests share: file uploads, a real PNG, a template body. */
public final class TemplateRequests {

    private TemplateRequests() {}

    /** {@code POST /api/templates/files?filename=} with a raw body, as {@code who} plus {@code headers}. */
    static HttpResponse<byte[]> upload(
            AccessWorld world, Who who, String filename, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(world.uri("/api/templates/files?filename=" + filename))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        world.credentials(who).forEach(request::header);
        headers.forEach(request::setHeader);
        return AccessWorld.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> upload(AccessWorld world, Who who, String filename, byte[] body) throws Exception {
        return upload(world, who, filename, body, Map.of());
    }

    /** A 64 x 32 red PNG. */
    public static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 64, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** How many pixels are clearly red in {@code branded} and not in {@code plain} (a red watermark's). */
    public static int turnedRed(BufferedImage plain, BufferedImage branded) {
        int turned = 0;
        for (int y = 0; y < branded.getHeight(); y++) {
            for (int x = 0; x < branded.getWidth(); x++) {
                if (red(branded.getRGB(x, y)) && !red(plain.getRGB(x, y))) {
                    turned++;
                }
            }
        }
        return turned;
    }

    private static boolean red(int rgb) {
        return ((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80;
    }

    /** A template body of {@code projectId} (null: global) with the steps given as JSON. */
    static String template(String projectId, String steps) {
        return "{\"projectId\":" + (projectId == null ? "null" : "\"" + projectId + "\"")
                + ",\"name\":\"Client review\",\"steps\":" + steps + ",\"output\":{\"format\":\"mp4\"}}";
    }
}
