package io.framewise.server.library;

import static io.framewise.server.db.generated.Tables.FOLDERS;
import static io.framewise.server.db.generated.Tables.HOME_PROJECTS;
import static io.framewise.server.db.generated.Tables.PROJECTS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.FoldersRecord;
import io.framewise.server.db.generated.tables.records.ProjectsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** {@link ProjectRepository} on the {@code projects} and {@code folders} tables. */
public final class JooqProjectRepository implements ProjectRepository {

    private final Database db;

    public JooqProjectRepository(Database db) {
        this.db = db;
    }

    @Override
    public Project create(String name, String createdBy) {
        Project p = new Project(Ids.newId(), name, createdBy, Instant.ofEpochMilli(db.nowMillis()));
        db.write(ctx -> JooqHomeProjects.createProject(
                ctx, p.id(), p.name(), p.createdBy(), p.created().toEpochMilli()));
        return p;
    }

    @Override
    public Optional<Project> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx ->
                ctx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOptional(JooqProjectRepository::toProject));
    }

    @Override
    public List<Project> list() {
        return db.read(ctx -> ctx.selectFrom(PROJECTS)
                .orderBy(PROJECTS.CREATED_AT, PROJECTS.ID)
                .fetch(JooqProjectRepository::toProject));
    }

    @Override
    public boolean delete(String id) {
        return db.write(ctx ->
                        ctx.deleteFrom(PROJECTS).where(PROJECTS.ID.eq(id)).execute())
                == 1;
    }

    @Override
    public Folder createFolder(String projectId, String parentId, String name) {
        Ids.require("projectId", projectId);
        Ids.optional("parentId", parentId);
        return db.write(ctx -> {
            if (parentId != null) {
                Folder parent = getFolder(parentId)
                        .orElseThrow(() -> new IllegalArgumentException("parentId " + parentId + " is not a folder"));
                if (!parent.projectId().equals(projectId)) {
                    throw new IllegalArgumentException(
                            "parentId " + parentId + " is a folder of another project than " + projectId);
                }
            }
            Integer last = ctx.select(DSL.max(FOLDERS.POSITION))
                    .from(FOLDERS)
                    .where(siblings(projectId, parentId))
                    .fetchOne(0, Integer.class);
            Folder f = new Folder(
                    Ids.newId(),
                    projectId,
                    parentId,
                    name,
                    last == null ? 0 : last + 1,
                    Instant.ofEpochMilli(db.nowMillis()));
            ctx.insertInto(FOLDERS)
                    .set(FOLDERS.ID, f.id())
                    .set(FOLDERS.PROJECT_ID, f.projectId())
                    .set(FOLDERS.PARENT_ID, f.parentId())
                    .set(FOLDERS.NAME, f.name())
                    .set(FOLDERS.POSITION, f.position())
                    .set(FOLDERS.CREATED_AT, f.created().toEpochMilli())
                    .execute();
            return f;
        });
    }

    @Override
    public Optional<Folder> getFolder(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(
                ctx -> ctx.selectFrom(FOLDERS).where(FOLDERS.ID.eq(id)).fetchOptional(JooqProjectRepository::toFolder));
    }

    @Override
    public List<Folder> listFolders(String projectId, String parentId) {
        return db.read(ctx -> ctx.selectFrom(FOLDERS)
                .where(siblings(projectId, parentId))
                .orderBy(FOLDERS.POSITION, FOLDERS.ID)
                .fetch(JooqProjectRepository::toFolder));
    }

    private static Condition siblings(String projectId, String parentId) {
        return FOLDERS.PROJECT_ID
                .eq(projectId)
                .and(parentId == null ? FOLDERS.PARENT_ID.isNull() : FOLDERS.PARENT_ID.eq(parentId));
    }

    private static Project toProject(ProjectsRecord r) {
        return new Project(r.getId(), r.getName(), r.getCreatedBy(), Instant.ofEpochMilli(r.getCreatedAt()));
    }

    private static Folder toFolder(FoldersRecord r) {
        return new Folder(
                r.getId(),
                r.getProjectId(),
                r.getParentId(),
                r.getName(),
                r.getPosition(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }

    @Override
    public boolean isHome(String projectId) {
        return db.read(ctx -> ctx.fetchExists(HOME_PROJECTS, HOME_PROJECTS.PROJECT_ID.eq(projectId)));
    }
}
