package io.framewise.server.imports.clapshot;

import static io.framewise.server.db.generated.Tables.IMPORT_LEDGER;
import static io.framewise.server.db.generated.Tables.NOTES;

import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.library.JooqHomeProjects;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * What an import writes beyond the library's own repositories: the ledger of what came over, users'
 * home projects, and notes with the times they were written at (the notes repository stamps new
 * notes with the current time).
 */
public final class JooqImportRepository {

    private final Database db;

    public JooqImportRepository(Database db) {
        this.db = db;
    }

    /** What {@code sourceId} of {@code kind} became, if it was imported before. */
    public Optional<String> imported(String source, String kind, String sourceId) {
        return db.read(ctx -> ctx.select(IMPORT_LEDGER.TARGET_ID)
                .from(IMPORT_LEDGER)
                .where(IMPORT_LEDGER
                        .SOURCE
                        .eq(source)
                        .and(IMPORT_LEDGER.KIND.eq(kind))
                        .and(IMPORT_LEDGER.SOURCE_ID.eq(sourceId)))
                .fetchOptional(IMPORT_LEDGER.TARGET_ID));
    }

    /** The ledger of {@code source} in this database; keys are {@code kind + "/" + sourceId}. */
    public Map<String, String> ledger(String source) {
        Map<String, String> out = new HashMap<>();
        db.read(ctx -> {
            ctx.select(IMPORT_LEDGER.KIND, IMPORT_LEDGER.SOURCE_ID, IMPORT_LEDGER.TARGET_ID)
                    .from(IMPORT_LEDGER)
                    .where(IMPORT_LEDGER.SOURCE.eq(source))
                    .forEach(r -> out.put(r.value1() + "/" + r.value2(), r.value3()));
            return null;
        });
        return out;
    }

    /** Records that {@code sourceId} became {@code targetId}; joins the open unit of work. */
    public void record(String source, String kind, String sourceId, String targetId) {
        db.write(ctx -> ctx.insertInto(IMPORT_LEDGER)
                .set(IMPORT_LEDGER.SOURCE, source)
                .set(IMPORT_LEDGER.KIND, kind)
                .set(IMPORT_LEDGER.SOURCE_ID, sourceId)
                .set(IMPORT_LEDGER.TARGET_ID, targetId)
                .set(IMPORT_LEDGER.IMPORTED_AT, db.nowMillis())
                .execute());
    }

    /**
     * The ledger of {@code source} in the library's database, read without opening it for writing (a
     * dry run writes nothing, not even a schema upgrade); empty when there is no database or no ledger
     * yet. Keys are {@code kind + "/" + sourceId}.
     */
    public static Map<String, String> readLedger(DatabaseLocation location, String source) {
        Map<String, String> out = new HashMap<>();
        String url;
        java.util.Properties props = new java.util.Properties();
        SQLDialect dialect;
        if (location instanceof DatabaseLocation.Sqlite sqlite) {
            if (!Files.isRegularFile(sqlite.file())) {
                return out;
            }
            url = "jdbc:sqlite:" + sqlite.file().toAbsolutePath().toUri() + "?mode=ro";
            props.setProperty("open_mode", "65"); // read-only, URI file name
            dialect = SQLDialect.SQLITE;
        } else if (location instanceof DatabaseLocation.Postgres pg) {
            url = pg.jdbcUrl();
            if (pg.user() != null) {
                props.setProperty("user", pg.user());
            }
            if (pg.password() != null) {
                props.setProperty("password", pg.password());
            }
            props.setProperty("readOnly", "true");
            dialect = SQLDialect.POSTGRES;
        } else {
            throw new IllegalArgumentException("unknown database " + location);
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.setReadOnly(true);
            var ctx = DSL.using(c, dialect);
            boolean exists = ctx.meta().getTables(IMPORT_LEDGER.getName()).stream()
                    .anyMatch(t -> t.getName().equalsIgnoreCase(IMPORT_LEDGER.getName()));
            if (!exists) {
                return out;
            }
            ctx.select(IMPORT_LEDGER.KIND, IMPORT_LEDGER.SOURCE_ID, IMPORT_LEDGER.TARGET_ID)
                    .from(IMPORT_LEDGER)
                    .where(IMPORT_LEDGER.SOURCE.eq(source))
                    .forEach(r -> out.put(r.value1() + "/" + r.value2(), r.value3()));
            return out;
        } catch (SQLException e) {
            throw new ClapshotImportException(
                    "cannot read the library's database " + location.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The user's home project (the personal project organizers file their folders in), made with
     * {@code name} and the user as owner when they have none yet.
     */
    public String ensureHome(String userId, String name) {
        return db.write(ctx -> JooqHomeProjects.ensureHome(ctx, userId, name, db.nowMillis()));
    }

    /** A note as it was written elsewhere: its own creation and edit times. */
    public record ImportedNote(
            String id,
            String mediaId,
            String parentId,
            long frame,
            String text,
            String authorId,
            Instant created,
            Instant edited) {}

    public void insertNote(ImportedNote n) {
        db.write(ctx -> ctx.insertInto(NOTES)
                .set(NOTES.ID, n.id())
                .set(NOTES.MEDIA_ID, n.mediaId())
                .set(NOTES.PARENT_ID, n.parentId())
                .set(NOTES.FRAME, n.frame())
                .set(NOTES.BODY, n.text())
                .set(NOTES.RESOLVED, false)
                .set(NOTES.AUTHOR_ID, n.authorId())
                .set(NOTES.CREATED_AT, n.created().toEpochMilli())
                .set(NOTES.EDITED_AT, n.edited() == null ? null : n.edited().toEpochMilli())
                .execute());
    }
}
