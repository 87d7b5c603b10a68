package io.framewise.server.organizer;

import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.FOLDERS;
import static io.framewise.server.db.generated.Tables.HOME_PROJECTS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Require;
import io.framewise.server.db.generated.tables.records.FoldersRecord;
import io.framewise.server.library.JooqHomeProjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * What organizers change in the library tree beyond what the library itself offers: users' home
 * projects, and renaming, moving, reordering and deleting folders and moving assets.
 */
final class JooqFolderRepository {

    private final Database db;

    JooqFolderRepository(Database db) {
        this.db = db;
    }

    /** The user's home project, created (named {@code projectName}) on first use. */
    String ensureHome(String userId, String projectName) {
        Optional<String> existing = homeOf(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Its owner's role is what lets them open what they file there.
        return db.write(ctx -> JooqHomeProjects.ensureHome(ctx, userId, projectName, db.nowMillis()));
    }

    Optional<String> homeOf(String userId) {
        return db.read(ctx -> ctx.select(HOME_PROJECTS.PROJECT_ID)
                .from(HOME_PROJECTS)
                .where(HOME_PROJECTS.USER_ID.eq(userId))
                .fetchOptional(HOME_PROJECTS.PROJECT_ID));
    }

    /** Whose home a project is, empty for a shared project. */
    Optional<String> homeOwnerOf(String projectId) {
        return db.read(ctx -> ctx.select(HOME_PROJECTS.USER_ID)
                .from(HOME_PROJECTS)
                .where(HOME_PROJECTS.PROJECT_ID.eq(projectId))
                .fetchOptional(HOME_PROJECTS.USER_ID));
    }

    /** Every home project's id (shared project listings leave them out). */
    Set<String> homeProjectIds() {
        return new HashSet<>(db.read(
                ctx -> ctx.select(HOME_PROJECTS.PROJECT_ID).from(HOME_PROJECTS).fetch(HOME_PROJECTS.PROJECT_ID)));
    }

    /** @return whether the folder existed */
    boolean rename(String folderId, String name) {
        Require.text("name", name, 200);
        return db.write(ctx -> ctx.update(FOLDERS)
                        .set(FOLDERS.NAME, name)
                        .where(FOLDERS.ID.eq(folderId))
                        .execute())
                == 1;
    }

    /**
     * Moves a folder under {@code parentId} ({@code null}: the top level) at {@code position}
     * among its new siblings (past the end: last), renumbering the siblings from 0.
     *
     * @throws IllegalArgumentException when the parent is in another project, or is the folder
     *     itself or inside it
     */
    void move(String folderId, String parentId, int position) {
        db.write(ctx -> {
            FoldersRecord folder =
                    ctx.selectFrom(FOLDERS).where(FOLDERS.ID.eq(folderId)).fetchOne();
            if (folder == null) {
                throw new IllegalArgumentException("no such folder: " + folderId);
            }
            if (parentId != null) {
                checkParent(ctx, folder, parentId);
            }
            List<String> siblings = new ArrayList<>(ctx.select(FOLDERS.ID)
                    .from(FOLDERS)
                    .where(FOLDERS.PROJECT_ID.eq(folder.getProjectId()))
                    .and(parentId == null ? FOLDERS.PARENT_ID.isNull() : FOLDERS.PARENT_ID.eq(parentId))
                    .and(FOLDERS.ID.ne(folderId))
                    .orderBy(FOLDERS.POSITION, FOLDERS.ID)
                    .fetch(FOLDERS.ID));
            siblings.add(Math.min(Math.max(position, 0), siblings.size()), folderId);
            ctx.update(FOLDERS)
                    .set(FOLDERS.PARENT_ID, parentId)
                    .where(FOLDERS.ID.eq(folderId))
                    .execute();
            for (int i = 0; i < siblings.size(); i++) {
                ctx.update(FOLDERS)
                        .set(FOLDERS.POSITION, i)
                        .where(FOLDERS.ID.eq(siblings.get(i)))
                        .execute();
            }
            return null;
        });
    }

    private static void checkParent(DSLContext ctx, FoldersRecord folder, String parentId) {
        String at = parentId;
        while (at != null) {
            if (at.equals(folder.getId())) {
                throw new IllegalArgumentException("a folder cannot move into itself or one of its subfolders");
            }
            FoldersRecord step =
                    ctx.selectFrom(FOLDERS).where(FOLDERS.ID.eq(at)).fetchOne();
            if (step == null || !step.getProjectId().equals(folder.getProjectId())) {
                throw new IllegalArgumentException("the new parent is not a folder of the same project");
            }
            at = step.getParentId();
        }
    }

    /**
     * Deletes a folder that holds nothing.
     *
     * @return false when there is no such folder
     * @throws IllegalStateException when it still holds folders or assets
     */
    boolean deleteEmpty(String folderId) {
        return db.write(ctx -> {
            if (ctx.fetchExists(FOLDERS, FOLDERS.PARENT_ID.eq(folderId))
                    || ctx.fetchExists(ASSETS, ASSETS.FOLDER_ID.eq(folderId))) {
                throw new IllegalStateException("the folder is not empty: move or delete what it holds first");
            }
            return ctx.deleteFrom(FOLDERS).where(FOLDERS.ID.eq(folderId)).execute() == 1;
        });
    }

    /** @param folderId {@code null} for the project's top level; the caller checked the project */
    boolean moveAsset(String assetId, String folderId) {
        return db.write(ctx -> ctx.update(ASSETS)
                        .set(ASSETS.FOLDER_ID, folderId)
                        // A move is a choice: the asset is no longer a provisional filing (V17).
                        .set(ASSETS.PROVISIONAL, false)
                        .where(ASSETS.ID.eq(assetId))
                        .execute())
                == 1;
    }
}
