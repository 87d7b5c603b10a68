package io.framewise.server;

import static io.framewise.model.testing.Await.until;
import static io.framewise.server.testing.DataFolder.integrityCheck;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.testing.ServerProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process killed with SIGKILL while several clients write notes, edit them and upload
 * media at once, then started again on the same data folder. Read with plain SQL on the database file,
 * no change is left half-made: every note has its activity entry and its audit entry, every media item
 * its job (or a finished state), its activity entry and its audit entry; what was acknowledged is
 * still there, and the server comes back healthy and finishes the interrupted processing.
 */
class BurstCrashTest {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> PROPS = Map.of(MediaOptions.JOB_LEASE_PROPERTY, "3");
    static final Variant CLIP = Variant.H264_2997_DF;
    static final int NOTE_WRITERS = 3;
    static final int UPLOADERS = 2;

    @TempDir
    Path data;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ConcurrentLinkedQueue<String> acknowledgedNotes = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> acknowledgedEdits = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> acknowledgedUploads = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    @Test
    void killedDuringABurstOfNoteEditsAndUploadsLeavesNoHalfChange(TestInfo info) throws Exception {
        Path log = Path.of("target", "crash-logs", "burst.log");
        try (ServerProcess first = ServerProcess.start(data, log, PROPS)) {
            String clip = upload(first, "clip.mp4");
            awaitFinished(first, clip);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < NOTE_WRITERS; i++) {
                int writer = i;
                clients.add(client("notes-" + i, stop, () -> writeAndEditNote(first, clip, writer)));
            }
            for (int i = 0; i < UPLOADERS; i++) {
                int uploader = i;
                clients.add(client("uploads-" + i, stop, () -> upload(first, "burst-" + uploader + ".mp4")));
            }
            clients.forEach(Thread::start);
            until(
                    "a burst of acknowledged notes, edits and uploads",
                    DEADLINE,
                    () -> acknowledgedNotes.size() >= 12
                            && acknowledgedEdits.size() >= 12
                            && acknowledgedUploads.size() >= 4);
            // The clients are mid-request: the kill lands between the writes of some change.
            assertEquals(ServerProcess.SIGKILL_EXIT, first.kill(), "killed by SIGKILL");
            stop.set(true);
            for (Thread t : clients) {
                t.join(Duration.ofSeconds(30).toMillis());
            }
        }
        assertEquals(List.of(), List.copyOf(unexpected), "answers before the kill");
        assertEquals("ok", integrityCheck(data));
        assertNoHalfChange("right after the kill");

        try (ServerProcess second = ServerProcess.start(data, log, PROPS)) {
            HttpResponse<String> health = get(second, "/api/health");
            assertEquals(200, health.statusCode(), health.body());
            for (String id : acknowledgedUploads) {
                awaitFinished(second, id);
            }
            for (String id : column("SELECT id FROM media_items")) {
                awaitFinished(second, id);
            }
            for (String id : acknowledgedNotes) {
                assertEquals(1, count("SELECT COUNT(*) FROM notes WHERE id = '" + id + "'"), "acknowledged note " + id);
            }
            // Still serving writes after the restart.
            String clip = acknowledgedUploads.peek();
            assertTrue(createNote(second, clip, 0, "after the restart") != null, "a note after the restart");
            assertEquals(ServerProcess.SIGKILL_EXIT, second.kill());
        }
        assertEquals("ok", integrityCheck(data));
        assertNoHalfChange("after the restart");
        assertEquals(
                List.of(),
                column("SELECT id FROM media_items m WHERE status = 'ready' AND NOT EXISTS (SELECT 1 FROM events e"
                        + " WHERE e.media_id = m.id AND e.kind = 'media.ready')"),
                "ready media without their media.ready entry");
    }

    private void assertNoHalfChange(String when) {
        String note = io.framewise.server.testing.DirectSql.jsonText(data, "e.payload_json", "note");
        assertAll(
                when,
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM media_items m WHERE status = 'processing' AND NOT EXISTS"
                                + " (SELECT 1 FROM jobs j WHERE j.media_id = m.id)"),
                        "media still processing without a job"),
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM media_items m WHERE NOT EXISTS (SELECT 1 FROM events e"
                                + " WHERE e.media_id = m.id AND e.kind = 'media.added')"),
                        "media without their media.added entry"),
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM media_items m WHERE NOT EXISTS (SELECT 1 FROM audit_log a"
                                + " WHERE a.resource_type = 'media' AND a.resource_id = m.id"
                                + " AND a.action = 'media.uploaded')"),
                        "media without their media.uploaded audit entry"),
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM notes n WHERE NOT EXISTS (SELECT 1 FROM events e"
                                + " WHERE e.kind = 'note.created' AND " + note + " = n.id)"),
                        "notes without their note.created entry"),
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM notes n WHERE n.edited_at IS NOT NULL AND NOT EXISTS (SELECT 1"
                                + " FROM events e WHERE e.kind = 'note.updated'"
                                + " AND " + note + " = n.id)"),
                        "edited notes without a note.updated entry"),
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM notes n WHERE NOT EXISTS (SELECT 1 FROM audit_log a"
                                + " WHERE a.resource_type = 'note' AND a.resource_id = n.id)"),
                        "notes without their audit entry"),
                // Each change of a note is one activity entry and one audit entry, stored together.
                () -> assertEquals(
                        List.of(),
                        column("SELECT id FROM notes n WHERE (SELECT COUNT(*) FROM events e"
                                + " WHERE " + note + " = n.id)"
                                + " <> (SELECT COUNT(*) FROM audit_log a WHERE a.resource_type = 'note'"
                                + " AND a.resource_id = n.id AND a.outcome = 'success')"),
                        "notes whose activity and audit entries differ in number"));
    }

    /** A client thread: repeats {@code step} until told to stop or the server is gone. */
    private Thread client(String name, AtomicBoolean stop, Step step) {
        Thread t = new Thread(
                () -> {
                    while (!stop.get()) {
                        try {
                            step.run();
                        } catch (IOException | InterruptedException gone) {
                            return;
                        } catch (RuntimeException | AssertionError e) {
                            if (!stop.get()) {
                                unexpected.add(name + ": " + e);
                            }
                            return;
                        }
                    }
                },
                name);
        t.setDaemon(true);
        return t;
    }

    @FunctionalInterface
    interface Step {
        void run() throws IOException, InterruptedException;
    }

    private void writeAndEditNote(ServerProcess server, String clip, int writer)
            throws IOException, InterruptedException {
        Random random = new Random();
        String id = createNote(server, clip, random.nextInt(CLIP.frameCount()), "note by writer " + writer);
        if (id == null) {
            return;
        }
        for (int edit = 1; edit <= 2; edit++) {
            ObjectNode body = JSON.createObjectNode().put("text", "edit " + edit + " by writer " + writer);
            HttpResponse<String> r = http.send(
                    json(server, "/api/comments/" + id)
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            check(r, 200);
            acknowledgedEdits.add(id);
        }
    }

    /** Creates a note; its id once acknowledged. */
    private String createNote(ServerProcess server, String mediaId, int frame, String text)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("frame", frame).put("text", text);
        HttpResponse<String> r = http.send(
                json(server, "/api/media/" + mediaId + "/comments")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, 201);
        String id = JSON.readTree(r.body()).path("id").asText();
        acknowledgedNotes.add(id);
        return id;
    }

    private String upload(ServerProcess server, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.uri("/api/media?filename=" + name))
                        .POST(HttpRequest.BodyPublishers.ofFile(TestMedia.get(CLIP)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, 201);
        String id = JSON.readTree(r.body()).path("id").asText();
        acknowledgedUploads.add(id);
        return id;
    }

    private static void check(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(
                    r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpRequest.Builder json(ServerProcess server, String path) {
        return HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json");
    }

    private HttpResponse<String> get(ServerProcess server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the item is ready or failed: processing of what the kill interrupted resumes. */
    private void awaitFinished(ServerProcess server, String id) {
        until("media " + id + " to finish processing", DEADLINE, () -> {
            try {
                JsonNode item = JSON.readTree(get(server, "/api/media/" + id).body());
                String status = item.path("status").asText();
                return status.equals("ready") || status.equals("failed");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long count(String sql) {
        return Long.parseLong(column(sql).get(0));
    }

    /** The first column of every row, read with plain JDBC on the database file. */
    private List<String> column(String sql) {
        try (Connection c = io.framewise.server.testing.DirectSql.connect(data);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
