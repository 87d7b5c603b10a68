package io.framewise.server.audit;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.cli.FramewiseCli;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.ws.WsTestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail end to end: each security and review event the product performs lands in the
 * log with who, what, from where and how it ended; admins read, filter and export it; and a hand
 * edit of the database file is caught by {@code framewise audit verify}.
 */
class AuditTrailTest {

    @TempDir
    Path data;

    @Test
    void everyEventIsRecordedExportedAndTamperingShows() throws Exception {
        try (AccessWorld world = new AccessWorld(data)) {
            String pw = AccessWorld.PASSWORD;
            world.call(ANONYMOUS, "POST", "/api/auth/login", "{\"username\":\"viewer\",\"password\":\"wrong one!!\"}");
            world.call(ANONYMOUS, "POST", "/api/auth/login", "{\"username\":\"viewer\",\"password\":\"" + pw + "\"}");
            JsonNode user = AccessWorld.json(
                    world.call(ADMIN, "POST", "/api/admin/users", "{\"name\":\"temp\",\"password\":\"" + pw + "\"}"),
                    201);
            String id = user.path("id").asText();
            world.call(ADMIN, "PATCH", "/api/admin/users/" + id, "{\"isAdmin\":true,\"displayName\":\"Temp\"}");
            world.call(ADMIN, "PATCH", "/api/admin/users/" + id, "{\"disabled\":true}");
            world.call(ADMIN, "DELETE", "/api/admin/users/" + id, null);
            JsonNode token = AccessWorld.json(world.call(EDITOR, "POST", "/api/tokens", "{\"name\":\"t\"}"), 201);
            world.call(EDITOR, "DELETE", "/api/tokens/" + token.path("id").asText(), null);
            world.call(
                    EDITOR,
                    "PUT",
                    "/api/assets/" + world.assetId + "/versions/1/approval",
                    "{\"status\":\"approved\"}");
            world.call(EDITOR, "DELETE", "/api/media/" + world.filedMedia(), null);
            world.call(REVIEWER, "DELETE", "/api/comments/" + world.reviewerNote(), null);
            world.call(VIEWER, "DELETE", "/api/media/" + world.mediaId, null); // denied: viewers may not delete
            try (WsTestClient c =
                    new WsTestClient(AccessWorld.HTTP, world.server.port(), "r", world.credentials(REVIEWER))) {
                c.await("welcome");
                c.send("session.create", "media", world.mediaId);
                c.await("session.snapshot");
            }
            world.call(ADMIN, "GET", "/api/admin/audit?format=csv", null);

            HttpResponse<String> export = world.call(ADMIN, "GET", "/api/admin/audit?format=json", null);
            assertEquals(200, export.statusCode(), export.body());
            JsonNode entries = AccessWorld.JSON.readTree(export.body());
            Set<String> actions = new TreeSet<>();
            entries.forEach(e -> actions.add(
                    e.path("action").asText() + ":" + e.path("outcome").asText()));
            for (String expected : new String[] {
                "login.failure:denied", "login.success:success", "user.created:success", "user.role_changed:success",
                "user.renamed:success", "user.disabled:success", "user.deleted:success", "token.created:success",
                "token.revoked:success", "project.created:success", "media.uploaded:success", "asset.created:success",
                "approval.changed:success", "media.deleted:success", "note.deleted:success", "access.denied:denied",
                "live.started:success", "audit.exported:success"
            }) {
                assertTrue(actions.contains(expected), expected + " missing from " + actions);
            }
            JsonNode login = find(entries, "login.success");
            assertEquals("viewer", login.path("actor_name").asText());
            assertTrue(login.path("source_address").asText().contains("127.0.0.1")
                    || login.path("source_address").asText().contains(":"));

            HttpResponse<String> csv =
                    world.call(ADMIN, "GET", "/api/admin/audit?format=csv&action=user.deleted", null);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String[] lines = csv.body().strip().split("\r?\n");
            assertEquals(2, lines.length, csv.body());
            assertTrue(lines[0].startsWith("seq,at,"), lines[0]);

            HttpResponse<String> page = world.call(ADMIN, "GET", "/api/admin/audit?user=editor&limit=2", null);
            assertEquals(2, AccessWorld.JSON.readTree(page.body()).size());
            assertTrue(
                    Integer.parseInt(page.headers().firstValue("X-Total-Count").orElseThrow()) >= 4);
            assertEquals(
                    422,
                    world.call(ADMIN, "GET", "/api/admin/audit?from=yesterday", null)
                            .statusCode());
        }

        assertEquals(0, verify().exit);
        try (Connection c = io.framewise.server.testing.DirectSql.connect(data);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET actor_name = 'nobody' WHERE seq = 4");
        }
        Run broken = verify();
        assertEquals(1, broken.exit, broken.out + broken.err);
        assertTrue(broken.err.contains("entry 4: hash mismatch"), broken.out + broken.err);
    }

    private static JsonNode find(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (e.path("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action);
    }

    record Run(int exit, String out, String err) {}

    private Run verify() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(
                new String[] {"audit", "verify", "--data", data.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
