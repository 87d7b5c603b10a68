package io.framewise.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.time.FrameRate;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.auth.Account;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.notifications.MailSettings;
import io.framewise.server.organizer.OrganizerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server with accounts (auth mode local) and one person of every kind the access rules tell
 * apart: an administrator, an owner, an editor, a reviewer and a viewer of the project, someone
 * outside it, an uploader outside it (whose uploads are unfiled), nobody, a revoked token and an
 * expired browser session. The project holds one real, processed media item uploaded by the editor.
 */
public final class AccessWorld implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery";
    public static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Everyone a request can come from. */
    public enum Who {
        ADMIN,
        EDITOR,
        REVIEWER,
        VIEWER,
        OUTSIDER,
        ANONYMOUS,
        REVOKED_TOKEN,
        EXPIRED_SESSION,
        /** Owner of the project (the administrator created it and is its owner too). */
        OWNER,
        /** No role in the project; has media of their own that is filed nowhere yet. */
        UPLOADER
    }

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    public final FramewiseServer server;
    public final Map<Who, String> tokens = new EnumMap<>(Who.class);
    public final Map<Who, String> userIds = new EnumMap<>(Who.class);
    public final String projectId;
    public final String mediaId;
    public final String assetId;
    private String expiredSessionCookie;

    public AccessWorld(Path data) throws Exception {
        this(data, true);
    }

    /** @param withMedia whether to upload and process the project's media item (takes a few seconds) */
    public AccessWorld(Path data, boolean withMedia) throws Exception {
        this(data, withMedia, OrganizerSettings.none());
    }

    /** @param organizers the organizer plugins the server runs */
    public AccessWorld(Path data, boolean withMedia, OrganizerSettings organizers) throws Exception {
        this(data, withMedia, organizers, UnaryOperator.identity());
    }

    /** @param adjust changes the server's configuration (which media get an HLS ladder, for one) */
    public AccessWorld(Path data, UnaryOperator<ServerConfig> adjust) throws Exception {
        this(data, true, OrganizerSettings.none(), adjust);
    }

    /** @param mail the SMTP server notification mail goes to */
    public AccessWorld(Path data, MailSettings mail) throws Exception {
        this(data, true, OrganizerSettings.none(), UnaryOperator.identity(), mail);
    }

    private AccessWorld(Path data, boolean withMedia, OrganizerSettings organizers, UnaryOperator<ServerConfig> adjust)
            throws Exception {
        this(data, withMedia, organizers, adjust, null);
    }

    private AccessWorld(
            Path data,
            boolean withMedia,
            OrganizerSettings organizers,
            UnaryOperator<ServerConfig> adjust,
            MailSettings mail)
            throws Exception {
        server = FramewiseServer.start(
                adjust.apply(ServerConfig.defaults(data)
                        .withPort(0)
                        .withWorkers(1)
                        .withAuth(AuthSettings.local())
                        .withOrganizers(organizers)),
                clock,
                mail);
        for (Who who :
                new Who[] {Who.ADMIN, Who.EDITOR, Who.REVIEWER, Who.VIEWER, Who.OUTSIDER, Who.OWNER, Who.UPLOADER}) {
            Account account = server.repositories()
                    .accounts()
                    .create(who.name().toLowerCase(java.util.Locale.ROOT), PASSWORD, who == Who.ADMIN);
            userIds.put(who, account.id());
            tokens.put(who, server.tokens().issue(account.id(), "tests", null).token());
        }
        var revoked = server.tokens().issue(userIds.get(Who.EDITOR), "revoked", null);
        server.tokens().revoke(userIds.get(Who.EDITOR), revoked.info().id());
        tokens.put(Who.REVOKED_TOKEN, revoked.token());

        projectId = json(call(Who.ADMIN, "POST", "/api/projects", "{\"name\":\"Show\"}"), 201)
                .get("id")
                .asText();
        server.repositories().members().put(projectId, userIds.get(Who.EDITOR), ProjectRole.EDITOR);
        server.repositories().members().put(projectId, userIds.get(Who.REVIEWER), ProjectRole.REVIEWER);
        server.repositories().members().put(projectId, userIds.get(Who.VIEWER), ProjectRole.VIEWER);
        server.repositories().members().put(projectId, userIds.get(Who.OWNER), ProjectRole.OWNER);

        if (!withMedia) {
            mediaId = null;
            assetId = null;
        } else {
            mediaId = upload(Who.EDITOR, TestMedia.get(TestMedia.Variant.H264_2997_DF));
            awaitReady(mediaId);
            assetId = json(
                            call(
                                    Who.EDITOR,
                                    "POST",
                                    "/api/assets",
                                    "{\"projectId\":\"" + projectId + "\",\"title\":\"Shot 1\",\"mediaId\":\"" + mediaId
                                            + "\"}"),
                            201)
                    .get("id")
                    .asText();
        }

        // A viewer's browser session that then expires: the idle limit is 12 hours.
        HttpResponse<String> login = call(
                Who.ANONYMOUS,
                "POST",
                "/api/auth/login",
                "{\"username\":\"viewer\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        expiredSessionCookie = sessionCookie(login);
        clock.advance(Duration.ofHours(13));
    }

    /**
     * A browser session of {@code who} (signed in with the password now): the {@code Cookie} header
     * alone, as a page on another site makes the browser send it, and with the CSRF token as the
     * server's own pages send it.
     */
    public record BrowserSession(String cookie, String csrf) {
        public Map<String, String> cookieOnly(String... moreHeaders) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Cookie", cookie));
            for (int i = 0; i + 1 < moreHeaders.length; i += 2) {
                headers.put(moreHeaders[i], moreHeaders[i + 1]);
            }
            return headers;
        }

        public Map<String, String> withCsrf(String... moreHeaders) {
            Map<String, String> headers = cookieOnly(moreHeaders);
            headers.put("X-CSRF-Token", csrf);
            return headers;
        }
    }

    /** Signs {@code who} in with their password: their browser session. */
    public BrowserSession login(Who who) throws Exception {
        HttpResponse<String> login = call(
                Who.ANONYMOUS,
                "POST",
                "/api/auth/login",
                JSON.writeValueAsString(
                        Map.of("username", who.name().toLowerCase(java.util.Locale.ROOT), "password", PASSWORD)));
        assertEquals(200, login.statusCode(), login.body());
        return new BrowserSession(sessionCookie(login), csrfCookie(login));
    }

    /** The {@code fw_session=...} pair a login answer set. */
    public static String sessionCookie(HttpResponse<?> login) {
        return login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_session="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + login.headers()));
    }

    /** The {@code fw_csrf} value a login answer set. */
    public static String csrfCookie(HttpResponse<?> login) {
        return login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_csrf="))
                .map(c -> c.substring("fw_csrf=".length(), c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CSRF cookie in " + login.headers()));
    }

    public URI uri(String path) {
        return server.baseUri().resolve(path.substring(1));
    }

    /** The credential headers of {@code who} (none for anonymous). */
    public Map<String, String> credentials(Who who) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (who == Who.EXPIRED_SESSION) {
            headers.put("Cookie", expiredSessionCookie);
        } else if (tokens.containsKey(who)) {
            headers.put("Authorization", "Bearer " + tokens.get(who));
        }
        return headers;
    }

    public HttpResponse<String> call(Who who, String method, String path, String body)
            throws IOException, InterruptedException {
        return call(who, method, path, body, Map.of());
    }

    public HttpResponse<String> call(Who who, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        credentials(who).forEach(request::header);
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response, int expectedStatus) throws IOException {
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Uploads a file as {@code who} and returns the media id. */
    public String upload(Who who, Path file) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/media?filename=" + file.getFileName()))
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        credentials(who).forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return json(response, 201).get("id").asText();
    }

    /**
     * A new media item uploaded by the editor and filed into the project (its file is not real
     * media: for routes that only need an item to exist, such as deleting one).
     */
    public String filedMedia() throws Exception {
        String id = Ids.newId();
        server.repositories()
                .media()
                .create(new NewMediaItem(
                        id, "junk.bin", "media/" + id + "/junk.bin", 4, null, userIds.get(Who.EDITOR)));
        json(
                call(
                        Who.EDITOR,
                        "POST",
                        "/api/assets",
                        "{\"projectId\":\"" + projectId + "\",\"title\":\"Junk\",\"mediaId\":\"" + id + "\"}"),
                201);
        return id;
    }

    /**
     * A new media item uploaded by {@code uploader} and filed nowhere yet (its file is not real
     * media: filing does not look at it).
     */
    public String unfiledMedia(Who uploader) {
        String id = Ids.newId();
        server.repositories()
                .media()
                .create(new NewMediaItem(id, "junk.bin", "media/" + id + "/junk.bin", 4, null, userIds.get(uploader)));
        return id;
    }

    /**
     * As {@link #unfiledMedia}, but ready for review with {@code frames} frames at 25 fps (its probe
     * is set directly, it has no file): enough for a live session to show it.
     */
    public String readyUnfiledMedia(Who uploader, long frames) {
        String id = unfiledMedia(uploader);
        server.repositories()
                .media()
                .setProbe(
                        id,
                        new ProbeSummary(
                                frames, FrameRate.FPS_25, "01:00:00:00", false, 640, 360, frames * 40_000, true, "{}"));
        server.repositories().media().markReady(id);
        return id;
    }

    /**
     * The id of {@code who}'s home project, opening it first the way clients do ({@code GET
     * /api/folders?path=/home} makes it on first use).
     */
    public String home(Who who) throws Exception {
        json(call(who, "GET", "/api/folders?path=/home", null), 200);
        String name = "Home of " + who.name().toLowerCase(java.util.Locale.ROOT);
        for (JsonNode p : json(call(who, "GET", "/api/projects", null), 200)) {
            if (p.path("name").asText().equals(name)) {
                return p.path("id").asText();
            }
        }
        throw new AssertionError(who + " has no home project after opening /home");
    }

    /** Files {@code mediaId} as a new asset of {@code projectId} as {@code who}; the raw answer. */
    public HttpResponse<String> file(Who who, String projectId, String mediaId) throws Exception {
        return call(
                who,
                "POST",
                "/api/assets",
                JSON.writeValueAsString(Map.of("projectId", projectId, "title", "Filed", "mediaId", mediaId)));
    }

    /** A new note by the reviewer on the project's media item. */
    public String reviewerNote() throws Exception {
        return json(
                        call(
                                Who.REVIEWER,
                                "POST",
                                "/api/media/" + mediaId + "/comments",
                                "{\"text\":\"a note\",\"frame\":3}"),
                        201)
                .get("id")
                .asText();
    }

    /**
     * A reviewer's note with a picture attachment (as an import makes them): the URL of the
     * attachment's file.
     */
    public String attachmentOfReviewerNote() throws Exception {
        String note = reviewerNote();
        String id = io.framewise.server.db.Ids.newId();
        byte[] png = io.framewise.media.image.OverlayImages.decode(
                        java.util.Base64.getDecoder()
                                .decode(
                                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="))
                .png();
        java.nio.file.Path data = server.config().dataDir();
        try (io.framewise.server.db.Database db = io.framewise.server.db.Database.open(data);
                io.framewise.server.storage.MediaStore store = io.framewise.server.storage.MediaStore.open(
                        server.config().storage().location(), data, Long.MAX_VALUE)) {
            String path = new io.framewise.server.attachments.AttachmentFiles(data, store).writePng(note, id, png);
            new io.framewise.server.attachments.JooqNoteAttachmentRepository(db)
                    .create(new io.framewise.server.attachments.NoteAttachment(
                            id, note, "image/png", path, png.length, 1, 1, true, clock.instant()));
        }
        return "/api/comments/" + note + "/attachments/" + id;
    }

    /** A new share link (view only) to the asset, made by the editor; its id. */
    public String share(String assetId) throws Exception {
        return newShare(assetId).get("id").asText();
    }

    /** As {@link #share}, its token. */
    public String shareToken(String assetId) throws Exception {
        return newShare(assetId).get("token").asText();
    }

    /** A guest session's bearer token, of a new view-only link to the asset. */
    public String guestToken(String assetId) throws Exception {
        return json(
                        call(
                                Who.ANONYMOUS,
                                "POST",
                                "/api/guest/sessions",
                                "{\"token\":\"" + shareToken(assetId) + "\",\"name\":\"Guest\"}"),
                        201)
                .get("guestToken")
                .asText();
    }

    private JsonNode newShare(String assetId) throws Exception {
        return json(
                call(
                        Who.EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + assetId + "\"},\"rights\":[\"view\"]}"),
                201);
    }

    private void awaitReady(String id) {
        MediaReady.await(id, () -> json(call(Who.ADMIN, "GET", "/api/media/" + id, null), 200));
    }

    @Override
    public void close() {
        server.close();
    }
}
