package io.framewise.server.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.framewise.media.testing.FrameCode;
import io.framewise.model.testing.Await;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mentions, replies, digests and review requests mailed to a real SMTP server (GreenMail on a
 * loopback port): what arrives, with the note's frame still and the link to that frame; the
 * settings that keep mail away; and the outbox that waits out an SMTP server that is down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleGetToldTest {

    /** A thick green bar across the lower part of the picture, clear of the frame code band on top. */
    private static final String DRAWING = "{\"schema\":1,\"shapes\":[{\"type\":\"line\",\"color\":\"#00ff00\","
            + "\"width\":0.15,\"points\":[[0.0,0.8],[1.0,0.8]]}]}";

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private int smtpPort;
    private GreenMail smtp;
    private AccessWorld world;
    private Path data;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        smtp = startSmtp();
        world = new AccessWorld(
                dir, MailSettings.parse("smtp://127.0.0.1:" + smtpPort + "?from=review@framewise.test"));
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    @Test
    void aMentionMailsTheNotesFrameWithItsDrawingAndALinkToThatFrame() throws Exception {
        settings(Who.REVIEWER, "{\"email\":\"reviewer-mention@example.org\",\"kinds\":{\"mention\":\"email\"}}");
        note(Who.EDITOR, "{\"text\":\"@reviewer is the logo late here?\",\"frame\":12,\"drawing\":" + DRAWING + "}");

        MimeMessage mail = awaitMail("reviewer-mention@example.org", 1).get(0);
        assertTrue(mail.getSubject().contains("editor mentioned you on Shot 1 at frame 12"), mail.getSubject());
        assertEquals("review@framewise.test", mail.getFrom()[0].toString());
        String link =
                world.server.baseUri().toString().replaceAll("/+$", "") + "/review/" + world.assetId + "?frame=12";
        String text = part(mail, "text/plain");
        assertTrue(text.contains(link), text);
        assertTrue(text.contains("> @reviewer is the logo late here?"), text);
        String html = part(mail, "text/html");
        assertTrue(html.contains("href=\"" + link + "\""), html);
        assertTrue(html.contains("src=\"cid:" + Mail.STILL_CID + "\""), html);
        // Every mail says how to stop it: a link to the person's notification settings, also as List-Unsubscribe.
        String settings = world.server.baseUri().toString().replaceAll("/+$", "") + "/account#notifications";
        assertTrue(text.contains("Change or turn off these mails: " + settings), text);
        assertTrue(html.contains("href=\"" + settings + "\""), html);
        assertEquals("<" + settings + ">", mail.getHeader("List-Unsubscribe")[0]);

        BufferedImage still = ImageIO.read(new java.io.ByteArrayInputStream(inline(mail)));
        assertNotNull(still, "the inline still is a picture");
        assertEquals(12, FrameCode.read(still), "the note's frame");
        int rgb = still.getRGB(still.getWidth() / 2, (int) (0.8 * still.getHeight()));
        assertTrue((rgb >> 8 & 0xff) > 200 && (rgb >> 16 & 0xff) < 90 && (rgb & 0xff) < 90, "the drawing is burned in");

        JsonNode mention = notificationsOf(Who.REVIEWER, "mention").get(0);
        assertEquals(12, mention.get("frame").asInt());
        assertEquals(world.assetId, mention.get("assetId").asText());
        assertEquals(world.mediaId, mention.get("mediaId").asText());
    }

    @Test
    void aDigestMailsSeveralNotificationsInOneMail() throws Exception {
        settings(Who.VIEWER, "{\"email\":\"viewer-digest@example.org\",\"kinds\":{\"mention\":\"digest_hourly\"}}");
        for (int i = 1; i <= 3; i++) {
            note(Who.EDITOR, "{\"text\":\"@viewer digest item " + i + "\",\"frame\":" + (20 + i) + "}");
        }
        assertEquals(3, count("SELECT count(*) FROM digest_items"), "waiting for the hour to end");
        assertEquals(3, notificationsOf(Who.VIEWER, "mention").size(), "in the app at once");
        world.clock.advance(Duration.ofHours(1));
        MimeMessage digest = awaitMail("viewer-digest@example.org", 1).get(0);
        assertTrue(digest.getSubject().contains("3 notifications"), digest.getSubject());
        String text = part(digest, "text/plain");
        for (int frame = 21; frame <= 23; frame++) {
            assertTrue(text.contains("/review/" + world.assetId + "?frame=" + frame), text);
        }
        assertTrue(text.contains("/account#notifications"), "the digest says how to stop it: " + text);
        assertEquals(1, digest.getHeader("List-Unsubscribe").length);
        assertEquals(0, count("SELECT count(*) FROM digest_items"));
        // Nothing more comes for the same hour: one mail, not three.
        world.clock.advance(Duration.ofHours(1));
        Await.value("the outbox is empty", DEADLINE, () -> pending() == 0 ? true : null);
        assertEquals(1, mailsTo("viewer-digest@example.org").size());
    }

    @Test
    void aKindTurnedOffSendsNothingAtAll() throws Exception {
        settings(Who.EDITOR, "{\"email\":\"editor-off@example.org\",\"kinds\":{\"reply\":\"off\",\"note\":\"off\"}}");
        String parent = note(Who.EDITOR, "{\"text\":\"Grade looks flat\",\"frame\":5}");
        int before = count("SELECT count(*) FROM outbox WHERE payload LIKE '%editor-off@example.org%'");
        note(Who.REVIEWER, "{\"text\":\"Agreed, lifting it\",\"parentId\":\"" + parent + "\"}");
        assertEquals(List.of(), notificationsOf(Who.EDITOR, "reply"), "not even in the app");
        assertEquals(before, count("SELECT count(*) FROM outbox WHERE payload LIKE '%editor-off@example.org%'"));
        assertEquals(0, before);

        // Turned back on, the next reply is mailed.
        settings(Who.EDITOR, "{\"kinds\":{\"reply\":\"email\"}}");
        note(Who.REVIEWER, "{\"text\":\"Done in v2\",\"parentId\":\"" + parent + "\"}");
        MimeMessage reply = awaitMail("editor-off@example.org", 1).get(0);
        assertTrue(reply.getSubject().contains("reviewer replied to your note"), reply.getSubject());
    }

    @Test
    void aMailWaitsOutAnSmtpServerThatIsDown() throws Exception {
        settings(Who.OWNER, "{\"email\":\"owner-later@example.org\",\"kinds\":{\"mention\":\"email\"}}");
        smtp.stop();
        try {
            note(Who.EDITOR, "{\"text\":\"@owner please sign off\",\"frame\":30}");
            Await.value(
                    "a failed attempt",
                    DEADLINE,
                    () -> count("SELECT count(*) FROM outbox WHERE attempts > 0 AND state = 'pending'"
                                            + " AND payload LIKE '%owner-later@example.org%'")
                                    == 1
                            ? true
                            : null);
        } finally {
            smtp = startSmtp();
        }
        world.clock.advance(Duration.ofMinutes(1));
        MimeMessage late = awaitMail("owner-later@example.org", 1).get(0);
        assertTrue(late.getSubject().contains("mentioned you"), late.getSubject());
        // The mail is out before the outbox records it as sent: wait for that record.
        Await.value(
                "the outbox entry sent after a retry",
                DEADLINE,
                () -> count("SELECT count(*) FROM outbox WHERE state = 'sent' AND attempts >= 2"
                                        + " AND payload LIKE '%owner-later@example.org%'")
                                == 1
                        ? true
                        : null);
    }

    @Test
    void aReviewRequestIsMailedAndRemindedOnceADayWhenOverdue() throws Exception {
        String reviewer = world.userIds.get(Who.REVIEWER);
        settings(
                Who.REVIEWER, "{\"email\":\"reviewer-requests@example.org\",\"kinds\":{\"review_request\":\"email\"}}");
        String today = java.time.LocalDate.ofInstant(world.clock.instant(), java.time.ZoneOffset.UTC)
                .toString();
        JsonNode made = AccessWorld.json(
                world.call(
                        Who.EDITOR,
                        "POST",
                        "/api/assets/" + world.assetId + "/review-requests",
                        "{\"userIds\":[\"" + reviewer + "\"],\"due\":\"" + today
                                + "\",\"message\":\"Before the mix\"}"),
                201);
        assertEquals(today, made.get("due").asText());
        assertTrue(awaitMail("reviewer-requests@example.org", 1)
                .get(0)
                .getSubject()
                .contains("editor asked you to review Shot 1 by " + today));
        JsonNode mine = AccessWorld.json(world.call(Who.REVIEWER, "GET", "/api/review-requests?mine=1", null), 200);
        JsonNode entry = find(mine, made.get("id").asText());
        assertFalse(entry.get("overdue").asBoolean());
        assertEquals(1, notificationsOf(Who.REVIEWER, "review_request").size());

        world.clock.advance(Duration.ofDays(2));
        entry = find(
                AccessWorld.json(world.call(Who.REVIEWER, "GET", "/api/review-requests?mine=1", null), 200),
                made.get("id").asText());
        assertTrue(entry.get("overdue").asBoolean());
        List<MimeMessage> reminders = awaitMail("reviewer-requests@example.org", 2);
        assertTrue(
                reminders.get(1).getSubject().contains("overdue review"),
                reminders.get(1).getSubject());
        assertTrue(part(reminders.get(1), "text/plain").contains("Shot 1 (due " + today + "): Before the mix"));

        // Approving answers the request: it leaves the list.
        AccessWorld.json(
                world.call(
                        Who.REVIEWER,
                        "PUT",
                        "/api/assets/" + world.assetId + "/versions/1/approval",
                        "{\"status\":\"approved\"}"),
                200);
        JsonNode after = AccessWorld.json(world.call(Who.REVIEWER, "GET", "/api/review-requests?mine=1", null), 200);
        for (JsonNode r : after) {
            assertFalse(r.get("id").asText().equals(made.get("id").asText()), after.toString());
        }
    }

    // ----------------------------------------------------------------------------------------------

    private void settings(Who who, String body) throws Exception {
        AccessWorld.json(world.call(who, "PUT", "/api/me/notification-settings", body), 200);
    }

    private String note(Who who, String body) throws Exception {
        return AccessWorld.json(world.call(who, "POST", "/api/media/" + world.mediaId + "/comments", body), 201)
                .get("id")
                .asText();
    }

    private List<JsonNode> notificationsOf(Who who, String kind) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : AccessWorld.json(world.call(who, "GET", "/api/notifications", null), 200)) {
            if (n.get("kind").asText().equals(kind)) {
                out.add(n);
            }
        }
        return out;
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients() != null
                    && m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    private List<MimeMessage> awaitMail(String address, int count) {
        return Await.value(count + " mail(s) to " + address, DEADLINE, () -> {
            List<MimeMessage> got = mailsTo(address);
            return got.size() >= count ? got : null;
        });
    }

    private int pending() throws Exception {
        return count("SELECT count(*) FROM outbox WHERE state = 'pending'");
    }

    private int count(String sql) throws Exception {
        try (Connection c = io.framewise.server.testing.DirectSql.connect(data);
                ResultSet r = c.createStatement().executeQuery(sql)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** The first part of {@code type} anywhere in the message, as text. */
    static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                String found = part(multi.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The bytes of the inline picture named by the HTML part's cid. */
    static byte[] inline(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                String[] ids = child.getHeader("Content-ID");
                if (ids != null && ids[0].equals("<" + Mail.STILL_CID + ">")) {
                    assertTrue(child.isMimeType("image/jpeg"), child.getContentType());
                    assertEquals(Part.INLINE, child.getDisposition());
                    try (InputStream in = child.getInputStream()) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        in.transferTo(out);
                        return out.toByteArray();
                    }
                }
                byte[] nested = inline(child);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
