package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.framewise.model.time.FrameRange;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.library.JooqProjectRepository;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.notes.JooqNoteRepository;
import io.framewise.server.notes.NewNote;
import io.framewise.server.notes.Note;
import io.framewise.server.users.JooqUserRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copied notes keep who wrote them, a share link's guest included. */
class NoteCopierTest {

    @Test
    void aGuestsNoteIsCopiedAsTheGuestsNotAsTheLinkCreatorsOwn(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            JooqMediaRepository media = new JooqMediaRepository(db);
            JooqNoteRepository notes = new JooqNoteRepository(db);
            String creator = new JooqUserRepository(db).localUser().id();
            String source = newMedia(media);
            String clip = newMedia(media);
            Note.GuestAuthor guest = new Note.GuestAuthor(guestOfALink(db, creator), "Client");
            Note root = notes.create(new NewNote(source, null, 12, null, "too dark", null, creator, guest));
            notes.create(new NewNote(source, root.id(), 12, null, "mine", null, creator));

            int copied = new NoteCopier(notes).copy(source, clip, FrameRange.of(10, 20), 10, 0);

            assertEquals(2, copied);
            List<Note> onClip = notes.listByMedia(clip);
            Note copiedRoot = onClip.stream()
                    .filter(n -> n.parentId() == null)
                    .findFirst()
                    .orElseThrow();
            assertEquals(guest, copiedRoot.guest(), "still the guest's note");
            assertEquals(creator, copiedRoot.authorId(), "filed under the link creator, as the original");
            Note reply = onClip.stream()
                    .filter(n -> n.parentId() != null)
                    .findFirst()
                    .orElseThrow();
            assertNull(reply.guest(), "an account's reply stays the account's");
        }
    }

    /** A guest session of a new comment link made by {@code creator}; its id. */
    private static String guestOfALink(Database db, String creator) {
        String project = new JooqProjectRepository(db).create("Show", creator).id();
        String share = Ids.newId();
        String guest = Ids.newId();
        db.write(ctx -> ctx.execute(
                "INSERT INTO shares (id, token_hash, target_type, target_id, project_id, rights, created_by,"
                        + " created_at, updated_at) VALUES (?, ?, 'asset', ?, ?, 'view,comment', ?, 0, 0)",
                share,
                "token-" + share,
                Ids.newId(),
                project,
                creator));
        db.write(ctx -> ctx.execute(
                "INSERT INTO share_guests (id, share_id, session_hash, name, created_at, last_seen_at, expires_at)"
                        + " VALUES (?, ?, ?, 'Client', 0, 0, 0)",
                guest,
                share,
                "session-" + guest));
        return guest;
    }

    private static String newMedia(JooqMediaRepository media) {
        String id = Ids.newId();
        media.create(new NewMediaItem(id, "clip.mov", "media/" + id + "/clip.mov", 1234, null));
        return id;
    }
}
