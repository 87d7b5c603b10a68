package io.framewise.server.templates;

import static io.framewise.server.db.generated.Tables.TEMPLATES;
import static io.framewise.server.db.generated.Tables.TEMPLATE_FILES;

import io.framewise.server.db.Database;
import io.framewise.server.db.generated.tables.records.TemplatesRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Templates and their files in the {@code templates} and {@code template_files} tables. */
public final class JooqTemplateRepository {

    private final Database db;

    public JooqTemplateRepository(Database db) {
        this.db = db;
    }

    public Optional<StoredTemplate> get(String id) {
        return db.read(ctx ->
                        ctx.selectFrom(TEMPLATES).where(TEMPLATES.ID.eq(id)).fetchOptional())
                .map(JooqTemplateRepository::toStored);
    }

    /** Global templates and those of {@code projectIds} (null: of every project), by name. */
    public List<StoredTemplate> list(Set<String> projectIds) {
        return db.read(ctx -> ctx.selectFrom(TEMPLATES)
                        .where(
                                projectIds == null
                                        ? org.jooq.impl.DSL.trueCondition()
                                        : TEMPLATES.PROJECT_ID.isNull().or(TEMPLATES.PROJECT_ID.in(projectIds)))
                        .orderBy(TEMPLATES.NAME, TEMPLATES.ID)
                        .fetch())
                .map(JooqTemplateRepository::toStored);
    }

    private static StoredTemplate toStored(TemplatesRecord r) {
        return new StoredTemplate(
                r.getId(),
                r.getProjectId(),
                r.getName(),
                r.getJson(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getUpdatedAt()));
    }

    public void insert(StoredTemplate t) {
        db.write(ctx -> ctx.insertInto(TEMPLATES)
                .set(TEMPLATES.ID, t.id())
                .set(TEMPLATES.PROJECT_ID, t.projectId())
                .set(TEMPLATES.NAME, t.name())
                .set(TEMPLATES.JSON, t.json())
                .set(TEMPLATES.CREATED_AT, t.createdAt().toEpochMilli())
                .set(TEMPLATES.UPDATED_AT, t.updatedAt().toEpochMilli())
                .execute());
    }

    public void update(String id, String name, String json, Instant at) {
        db.write(ctx -> ctx.update(TEMPLATES)
                .set(TEMPLATES.NAME, name)
                .set(TEMPLATES.JSON, json)
                .set(TEMPLATES.UPDATED_AT, at.toEpochMilli())
                .where(TEMPLATES.ID.eq(id))
                .execute());
    }

    public boolean delete(String id) {
        return db.write(ctx ->
                        ctx.deleteFrom(TEMPLATES).where(TEMPLATES.ID.eq(id)).execute())
                > 0;
    }

    public void insertFile(TemplateFile f, Instant at) {
        db.write(ctx -> ctx.insertInto(TEMPLATE_FILES)
                .set(TEMPLATE_FILES.ID, f.id())
                .set(TEMPLATE_FILES.KIND, f.kind())
                .set(TEMPLATE_FILES.NAME, f.name())
                .set(TEMPLATE_FILES.SIZE_BYTES, f.sizeBytes())
                .set(TEMPLATE_FILES.UPLOADED_BY, f.uploadedBy())
                .set(TEMPLATE_FILES.CREATED_AT, at.toEpochMilli())
                .execute());
    }

    public Optional<TemplateFile> file(String id) {
        return db.read(ctx -> ctx.selectFrom(TEMPLATE_FILES)
                        .where(TEMPLATE_FILES.ID.eq(id))
                        .fetchOptional())
                .map(r -> new TemplateFile(r.getId(), r.getKind(), r.getName(), r.getSizeBytes(), r.getUploadedBy()));
    }
}
