package io.framewise.desktop.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiModels.ActionResult;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.AuthConfig;
import io.framewise.desktop.client.ApiModels.FolderPage;
import io.framewise.desktop.client.ApiModels.FrameMapInfo;
import io.framewise.desktop.client.ApiModels.IssuedToken;
import io.framewise.desktop.client.ApiModels.LoginAnswer;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.MediaPage;
import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.client.ApiModels.NotePage;
import io.framewise.desktop.client.ApiModels.Project;
import io.framewise.desktop.client.ApiModels.Version;
import io.framewise.desktop.client.ClipModels.ClipQueued;
import io.framewise.desktop.client.ClipModels.Template;
import io.framewise.desktop.client.ClipModels.TemplatePage;
import io.framewise.desktop.client.ShareModels.IssuedShare;
import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.client.ShareModels.ShareAnalytics;
import io.framewise.desktop.client.ShareModels.SharePage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The server's REST API for the desktop app, over {@code java.net.http}. One instance talks to one
 * server. It signs in with a personal API token ({@code Authorization: Bearer}) once it has one;
 * right after a password sign-in it uses the session cookie and sends the CSRF token the API asks
 * for on changes, until {@link #useToken} switches it over. Thread-safe; calls block, so views run
 * them off the FX thread.
 */
public final class ApiClient {

    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The header that makes a create safe to send again (the server replays its first answer). */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    /** Waits before each resend of a create whose answer was lost. */
    static final List<Duration> RETRY_DELAYS =
            List.of(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private volatile String token;

    public ApiClient(URI base, String token) {
        String s = Objects.requireNonNull(base, "base").toString();
        if (!s.startsWith("http://") && !s.startsWith("https://")) {
            throw new IllegalArgumentException("A server address starts with http:// or https://, not " + s);
        }
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public URI base() {
        return base;
    }

    /** The API token in use, or null while signed in by cookie (or when the server needs none). */
    public String token() {
        return token;
    }

    public void useToken(String newToken) {
        this.token = newToken;
    }

    public URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    // ---- accounts ----

    /** The server's auth mode; a server from before accounts answers 404 and needs no sign-in. */
    public String authMode() {
        try {
            return get("/api/auth/config", AuthConfig.class).mode();
        } catch (ApiError e) {
            if (e.status() == 404) {
                return "none";
            }
            throw e;
        }
    }

    public LoginAnswer login(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return send("POST", "/api/auth/login", body, LoginAnswer.class);
    }

    /** Creates a personal API token (after a password sign-in) and uses it from then on. */
    public IssuedToken issueToken(String name) {
        IssuedToken issued = create("/api/tokens", JSON.createObjectNode().put("name", name), IssuedToken.class);
        useToken(issued.token());
        return issued;
    }

    public JsonNode me() {
        return get("/api/me", JsonNode.class);
    }

    // ---- media ----

    /** The media item's subtitle tracks (embedded, then sidecars). */
    public List<SubtitleModels.SubtitleTrack> subtitleTracks(String mediaId) {
        return get(
                "/api/media/" + enc(mediaId) + "/subtitles",
                new com.fasterxml.jackson.core.type.TypeReference<List<SubtitleModels.SubtitleTrack>>() {});
    }

    /** A text track's cues, placed on frames by the server. */
    public List<SubtitleModels.SubtitleCue> subtitleCues(String mediaId, String trackId) {
        return get(
                "/api/media/" + enc(mediaId) + "/subtitles/" + enc(trackId) + "/cues",
                new com.fasterxml.jackson.core.type.TypeReference<List<SubtitleModels.SubtitleCue>>() {});
    }

    /** Uploads a sidecar SRT, WebVTT or ASS file as a new track of the media item. */
    public SubtitleModels.SubtitleTrack uploadSubtitles(String mediaId, byte[] file, String language, String label) {
        StringBuilder q = new StringBuilder();
        if (language != null) {
            q.append("language=").append(enc(language));
        }
        if (label != null) {
            q.append(q.length() > 0 ? "&" : "").append("label=").append(enc(label));
        }
        String path = "/api/media/" + enc(mediaId) + "/subtitles" + (q.length() > 0 ? "?" + q : "");
        HttpRequest req = request(path)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build();
        return parse(exchange(req, HttpResponse.BodyHandlers.ofByteArray()), SubtitleModels.SubtitleTrack.class);
    }

    public List<MediaItem> media() {
        return get("/api/media?limit=1000", MediaPage.class).items();
    }

    public MediaItem media(String id) {
        return get("/api/media/" + enc(id), MediaItem.class);
    }

    public FrameMapInfo frameMap(String id) {
        return get("/api/media/" + enc(id) + "/framemap", FrameMapInfo.class);
    }

    /** The frame-exact still of frame {@code n} as PNG (or JPEG when {@code width} asks for a small one). */
    public byte[] still(String id, long n, int width) {
        String q = width > 0 ? "?format=jpeg&width=" + width : "?format=png";
        return bytes("/api/media/" + enc(id) + "/frames/" + n + q);
    }

    /**
     * The seek proxy's quick still of frame {@code n} (JPEG at the proxy's size), asked without
     * blocking so that a newer jump can drop it: cancelling the answer aborts the exchange. Fails
     * with a 404 {@link ApiError} when the item has no ready seek proxy, and with {@code
     * wrong_frame} when the server names another index than {@code n} (never shown under n's label).
     */
    public java.util.concurrent.CompletableFuture<byte[]> seekStill(String id, long n) {
        HttpRequest req = request("/api/media/" + enc(id) + "/frames/" + n + "?source=seek&format=jpg")
                .GET()
                .build();
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
        java.util.concurrent.CompletableFuture<byte[]> answer = exchange.thenApply(res -> {
            if (res.statusCode() >= 400) {
                throw errorOf(res);
            }
            String index = res.headers().firstValue("X-Frame-Index").orElse("");
            if (!index.equals(Long.toString(n))) {
                throw new ApiError(
                        0, "wrong_frame", "The seek still asked for frame " + n + " names frame " + index, null);
            }
            return res.body();
        });
        answer.whenComplete((body, err) -> {
            if (answer.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return answer;
    }

    /** The sprite sheet and its index, or null when the media has none (audio, still processing). */
    public Sprites sprites(String id) {
        JsonNode index;
        try {
            index = get("/api/media/" + enc(id) + "/sprites.json", JsonNode.class);
        } catch (ApiError e) {
            if (e.status() == 404 || e.status() == 409) {
                return null;
            }
            throw e;
        }
        long[] frames = new long[index.path("frames").size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = index.path("frames").get(i).asLong();
        }
        return new Sprites(
                bytes("/api/media/" + enc(id) + "/sprites"),
                index.path("columns").asInt(),
                index.path("rows").asInt(),
                index.path("tileWidth").asInt(),
                index.path("tileHeight").asInt(),
                frames);
    }

    /** The audio envelope of a media item with sound; answers 404 (an ApiError) when it has none. */
    public Waveform waveform(String id) {
        return Waveform.parse(get("/api/media/" + enc(id) + "/waveform.json", JsonNode.class));
    }

    /**
     * The file of a note's attachment, from the URL the note gives; only this server's own attachment
     * paths are followed, so a note cannot send the client elsewhere with its credentials.
     */
    public byte[] attachment(ApiModels.Attachment attachment) {
        String url = attachment.url();
        if (url == null || !url.matches("/api/comments/[A-Za-z0-9_-]{1,64}/attachments/[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("not an attachment of this server: " + url);
        }
        return bytes(url);
    }

    public byte[] poster(String id) {
        return bytes("/api/media/" + enc(id) + "/poster");
    }

    /** Where the player streams from; {@code rendition} is original or proxy. */
    public URI streamUri(String id, String rendition) {
        String uri = resolve("/api/media/" + enc(id) + "/stream?rendition=" + rendition)
                .toString();
        return URI.create(token == null ? uri : uri + "&access_token=" + enc(token));
    }

    /** Uploads a file as one request body (the server streams it to disk); answers the new item. */
    public MediaItem upload(Path file) {
        return upload(file, null, null);
    }

    /**
     * As {@link #upload(Path)}, filed by the server into the project and folder given (either may be
     * null: without both the upload goes to the uploader's home).
     */
    public MediaItem upload(Path file, String projectId, String folderId) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new ApiError(0, "unreadable", "Cannot read " + file + ": " + e.getMessage(), null);
        }
        String name = file.getFileName().toString();
        String key = newIdempotencyKey();
        return parse(
                idempotent(() -> request("/api/media?filename=" + enc(name)
                                + (projectId == null ? "" : "&projectId=" + enc(projectId))
                                + (folderId == null ? "" : "&folderId=" + enc(folderId)))
                        .header("Content-Type", "application/octet-stream")
                        .header(IDEMPOTENCY_HEADER, key)
                        .POST(body)
                        .timeout(Duration.ofHours(6))
                        .build()),
                MediaItem.class);
    }

    // ---- notes ----

    public List<Note> notes(String mediaId) {
        return get("/api/media/" + enc(mediaId) + "/comments", NotePage.class).items();
    }

    /** {@code fields}: text, frame, frameOut?, parentId?, drawing? as the API names them. */
    public Note createNote(String mediaId, ObjectNode fields) {
        return create("/api/media/" + enc(mediaId) + "/comments", fields, Note.class);
    }

    /** {@code fields}: any of text, drawing (null removes it), resolved. */
    public Note updateNote(String noteId, ObjectNode fields) {
        return send("PATCH", "/api/comments/" + enc(noteId), fields, Note.class);
    }

    /**
     * Imports the markers of an EDL, FCP7 XML, FCPXML or OTIO file as notes on the media item, or
     * with {@code dryRun} only answers what would be imported.
     */
    public ImportModels.NoteImport importNotes(
            String mediaId, byte[] file, boolean dryRun, long offset, boolean events) {
        String path =
                "/api/media/" + enc(mediaId) + "/edl?dryRun=" + dryRun + "&offset=" + offset + "&events=" + events;
        return parse(
                exchange(
                        request(path)
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray()),
                ImportModels.NoteImport.class);
    }

    /** The people a note on the media item may mention (who may see it), whose name starts with {@code q}. */
    public List<ApiModels.Mentionable> mentionable(String mediaId, String q) {
        return get(
                "/api/media/" + enc(mediaId) + "/mentionable?q=" + enc(q == null ? "" : q),
                new TypeReference<List<ApiModels.Mentionable>>() {});
    }

    /** Asks {@code userIds} to review the asset by {@code due} (a day, {@code 2026-12-24}). */
    public ApiModels.ReviewRequest requestReview(String assetId, List<String> userIds, String due, String message) {
        ObjectNode body = JSON.createObjectNode().put("due", due).put("message", message == null ? "" : message);
        userIds.forEach(body.putArray("userIds")::add);
        return create("/api/assets/" + enc(assetId) + "/review-requests", body, ApiModels.ReviewRequest.class);
    }

    /** The suggested scene markers of a media item. */
    public SceneModels.SceneCuts sceneCuts(String mediaId) {
        return get("/api/media/" + enc(mediaId) + "/scene-cuts", SceneModels.SceneCuts.class);
    }

    /** Accepts a suggestion: the note the server wrote at its frame. */
    public Note acceptSceneCut(String mediaId, String cutId) {
        return parse(
                exchange(
                        request("/api/media/" + enc(mediaId) + "/scene-cuts/" + enc(cutId) + "/accept")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray()),
                Note.class);
    }

    /** Accepts every suggestion of the media item: the notes written. */
    public List<Note> acceptAllSceneCuts(String mediaId) {
        return parse(
                        exchange(
                                request("/api/media/" + enc(mediaId) + "/scene-cuts/accept-all")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray()),
                        SceneModels.Accepted.class)
                .notes();
    }

    /** Dismisses a suggestion without writing a note. */
    public void dismissSceneCut(String mediaId, String cutId) {
        exchange(
                request("/api/media/" + enc(mediaId) + "/scene-cuts/" + enc(cutId))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public void deleteNote(String noteId) {
        exchange(request("/api/comments/" + enc(noteId)).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- library ----

    /** The signed-in person's start screen: needs review, mentions, recent, continue watching. */
    public ApiModels.Home home() {
        return get("/api/home", ApiModels.Home.class);
    }

    /** Where the person is in a media item, for "Continue watching" (send it throttled). */
    public void savePosition(String mediaId, long frame) {
        send(
                "PUT",
                "/api/media/" + enc(mediaId) + "/position",
                JSON.createObjectNode().put("frame", frame),
                JsonNode.class);
    }

    public List<Project> projects() {
        return get("/api/projects", new TypeReference<List<Project>>() {});
    }

    public List<Asset> assets(String projectId) {
        return get("/api/projects/" + enc(projectId) + "/assets", new TypeReference<List<Asset>>() {});
    }

    public Asset asset(String id) {
        return get("/api/assets/" + enc(id), Asset.class);
    }

    public Asset createAsset(String title, String mediaId) {
        return createAsset(null, null, title, mediaId);
    }

    /** A new asset in a project and folder (both optional: the server's default project, its top). */
    public Asset createAsset(String projectId, String folderId, String title, String mediaId) {
        ObjectNode body = JSON.createObjectNode().put("title", title).put("mediaId", mediaId);
        if (projectId != null) {
            body.put("projectId", projectId);
        }
        if (folderId != null) {
            body.put("folderId", folderId);
        }
        return create("/api/assets", body, Asset.class);
    }

    // ---- organizer pages ----

    /** The whole organizer page for a folder path, every page of it joined. */
    public FolderPage folderPage(String path) {
        FolderPage page = get("/api/folders?path=" + enc(path), FolderPage.class);
        List<ApiModels.FolderEntry> folders = new ArrayList<>(page.folders());
        List<ApiModels.PageAsset> assets = new ArrayList<>(page.assets());
        String next = page.nextPageToken();
        for (int guard = 0; next != null && guard < 1000; guard++) {
            FolderPage more = get("/api/folders?path=" + enc(path) + "&pageToken=" + enc(next), FolderPage.class);
            folders.addAll(more.folders());
            assets.addAll(more.assets());
            next = more.nextPageToken();
        }
        return new FolderPage(
                page.path(), page.title(), page.organizer(), page.breadcrumbs(), folders, assets, page.actions(), null);
    }

    /**
     * Runs an organizer's action picked on the page at {@code path}; {@code targetType}/{@code
     * targetId} are null for the page itself.
     */
    public ActionResult runAction(
            String organizer,
            String action,
            String path,
            String targetType,
            String targetId,
            Map<String, String> parameters) {
        ObjectNode body = JSON.createObjectNode()
                .put("organizer", organizer)
                .put("action", action)
                .put("path", path);
        if (targetType != null) {
            body.putObject("target").put("type", targetType).put("id", targetId);
        }
        ObjectNode params = body.putObject("parameters");
        parameters.forEach(params::put);
        return send("POST", "/api/actions", body, ActionResult.class);
    }

    /** Adds a media item as the asset's next version; answers the new version. */
    public Version addVersion(String assetId, String mediaId) {
        return create(
                "/api/assets/" + enc(assetId) + "/versions",
                JSON.createObjectNode().put("mediaId", mediaId),
                Version.class);
    }

    /** {@code status}: needs_review, changes_requested or approved. */
    public JsonNode approve(String assetId, int version, String status) {
        return send(
                "PUT",
                "/api/assets/" + enc(assetId) + "/versions/" + version + "/approval",
                JSON.createObjectNode().put("status", status),
                JsonNode.class);
    }

    // ---- clips and templates ----

    /**
     * Queues a clip of frames [{@code in}, {@code out}) of a media item. {@code fields}: mode, and
     * optionally templateId, title, asVersionOf, copyNotes, as the API names them.
     */
    public ClipQueued cutClip(String mediaId, long in, long out, ObjectNode fields) {
        ObjectNode body = JSON.createObjectNode().put("in", in).put("out", out);
        body.setAll(fields);
        return create("/api/media/" + enc(mediaId) + "/clips", body, ClipQueued.class);
    }

    /** The templates the user may use for a clip in the project: its own and the global ones. */
    public List<Template> templates(String projectId) {
        String q = projectId == null ? "" : "?projectId=" + enc(projectId);
        TemplatePage page = get("/api/templates" + q, TemplatePage.class);
        return items(page == null ? null : page.items());
    }

    // ---- share links ----

    /** Makes a share link; {@code fields} as the API names them (target, rights, expiresAt ...). */
    public IssuedShare createShare(ObjectNode fields) {
        return create("/api/shares", fields, IssuedShare.class);
    }

    /** The links of one target that the user may manage. */
    public List<Share> shares(String targetType, String targetId) {
        SharePage page =
                get("/api/shares?targetType=" + enc(targetType) + "&targetId=" + enc(targetId), SharePage.class);
        return items(page == null ? null : page.items());
    }

    /** Changes a link; {@code fields}: any of expiresAt, password (null clears), rights, maxViews ... */
    public Share updateShare(String shareId, ObjectNode fields) {
        return send("PATCH", "/api/shares/" + enc(shareId), fields, Share.class);
    }

    /** Revokes a link for good; its analytics stay. */
    public void revokeShare(String shareId) {
        exchange(request("/api/shares/" + enc(shareId)).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public ShareAnalytics shareAnalytics(String shareId) {
        return get("/api/shares/" + enc(shareId) + "/analytics?format=json", ShareAnalytics.class);
    }

    /** The analytics as CSV, one row per guest. */
    public byte[] shareAnalyticsCsv(String shareId) {
        return exchange(
                request("/api/shares/" + enc(shareId) + "/analytics?format=csv")
                        .setHeader("Accept", "text/csv")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The media item's PDF review report: its notes in frame order with their frame-exact stills. */
    public byte[] reviewReport(String mediaId) {
        return exchange(
                request("/api/media/" + enc(mediaId) + "/report.pdf")
                        .setHeader("Accept", "application/pdf")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A marker file the server made from a media item's notes, as it named it. */
    public record MarkerFile(String fileName, byte[] body) {}

    /**
     * The media's notes as a marker file; {@code query} is the export's query string
     * ({@code format=...&status=...}).
     */
    public MarkerFile markers(String mediaId, String query) {
        HttpResponse<byte[]> res = answer(request("/api/media/" + enc(mediaId) + "/markers?" + query)
                .setHeader("Accept", "*/*")
                .GET()
                .build());
        if (res.statusCode() >= 400) {
            throw errorOf(res);
        }
        String disposition = res.headers().firstValue("Content-Disposition").orElse("");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("filename=\"([^\"]*)\"").matcher(disposition);
        return new MarkerFile(m.find() ? m.group(1) : "markers", res.body());
    }

    // ---- plumbing ----

    /** A list answer's items: none when the server sent no list, and no null entries. */
    private static <T> List<T> items(List<T> items) {
        return items == null
                ? List.of()
                : items.stream().filter(Objects::nonNull).toList();
    }

    /** Opens the event and live-session WebSocket with this client's credentials. */
    public EventStream openEvents(EventStream.Listener listener) {
        return EventStream.open(http, base, token, cookieHeader(), listener);
    }

    <T> T get(String path, Class<T> type) {
        return parse(exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray()), type);
    }

    <T> T get(String path, TypeReference<T> type) {
        byte[] body = exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw badAnswer(path, e);
        }
    }

    private byte[] bytes(String path) {
        return exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> T send(String method, String path, JsonNode body, Class<T> type) {
        HttpRequest req = request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return parse(exchange(req, HttpResponse.BodyHandlers.ofByteArray()), type);
    }

    /**
     * A POST that creates something: sent with a fresh {@value #IDEMPOTENCY_HEADER} and, when its
     * answer is lost, sent again with the same key, so the server answers the first create again
     * instead of making a second one.
     */
    private <T> T create(String path, JsonNode body, Class<T> type) {
        String key = newIdempotencyKey();
        return parse(
                idempotent(() -> request(path)
                        .header("Content-Type", "application/json")
                        .header(IDEMPOTENCY_HEADER, key)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build()),
                type);
    }

    /** A fresh key for one logical create. */
    static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /**
     * Sends a request that carries an idempotency key, again (the same key) after an unreachable
     * server, a gateway error or "still in progress", up to {@link #RETRY_DELAYS} times.
     */
    byte[] idempotent(Supplier<HttpRequest> request) {
        HttpResponse<byte[]> res = idempotentAnswer(request);
        if (res.statusCode() >= 400) {
            throw errorOf(res);
        }
        return res.body();
    }

    /** As {@link #idempotent} but answers the last response whatever its status. */
    HttpResponse<byte[]> idempotentAnswer(Supplier<HttpRequest> request) {
        for (int attempt = 0; ; attempt++) {
            boolean more = attempt < RETRY_DELAYS.size();
            HttpResponse<byte[]> res;
            try {
                res = answer(request.get());
            } catch (ApiError unreachable) {
                if (!more || !unreachable.code().equals("unreachable")) {
                    throw unreachable;
                }
                pause(RETRY_DELAYS.get(attempt));
                continue;
            }
            if (more && worthResending(res)) {
                pause(RETRY_DELAYS.get(attempt));
                continue;
            }
            return res;
        }
    }

    private static boolean worthResending(HttpResponse<byte[]> res) {
        int status = res.statusCode();
        if (status == 502 || status == 503 || status == 504) {
            return true;
        }
        if (status != 409) {
            return false;
        }
        try {
            return JSON.readTree(res.body())
                    .path("error")
                    .path("details")
                    .path("inProgress")
                    .asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, "interrupted", "Stopped before the server answered", null);
        }
    }

    private HttpRequest.Builder request(String path) {
        return authorized(resolve(path));
    }

    /** A request to {@code uri} carrying this client's credentials (token, or cookie and CSRF token). */
    HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
        String t = token;
        if (t != null) {
            b.header("Authorization", "Bearer " + t);
        } else {
            String csrf = cookie("fw_csrf");
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
        }
        return b;
    }

    private byte[] exchange(HttpRequest req, HttpResponse.BodyHandler<byte[]> handler) {
        HttpResponse<byte[]> res = answer(req);
        if (res.statusCode() >= 400) {
            throw errorOf(res);
        }
        return res.body();
    }

    /** Sends a request and answers the response whatever its status; only unreachable servers throw. */
    HttpResponse<byte[]> answer(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ApiError.unreachable(base.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, "interrupted", "Stopped before the server answered", null);
        }
    }

    @SuppressWarnings("unchecked")
    static ApiError errorOf(HttpResponse<byte[]> res) {
        try {
            JsonNode err = JSON.readTree(res.body()).path("error");
            if (err.isObject()) {
                Map<String, Object> details =
                        err.has("details") ? JSON.convertValue(err.get("details"), Map.class) : null;
                return new ApiError(
                        res.statusCode(),
                        err.path("code").asText("error"),
                        err.path("message").asText(),
                        details);
            }
        } catch (IOException | IllegalArgumentException ignored) {
            // Not our error shape (a proxy's page, say): fall through to the status line.
        }
        return new ApiError(
                res.statusCode(), "http_" + res.statusCode(), "The server answered " + res.statusCode(), null);
    }

    private <T> T parse(byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw badAnswer(type.getSimpleName(), e);
        }
    }

    private ApiError badAnswer(String what, IOException e) {
        return new ApiError(
                0, "bad_answer", "The server's answer (" + what + ") could not be read: " + e.getMessage(), null);
    }

    String cookieHeader() {
        StringBuilder sb = new StringBuilder();
        for (HttpCookie c : cookies.getCookieStore().get(base)) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(c.getName()).append('=').append(c.getValue());
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private String cookie(String name) {
        return cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
