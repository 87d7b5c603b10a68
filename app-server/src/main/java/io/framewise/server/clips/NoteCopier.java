package io.framewise.server.clips;

import io.framewise.model.time.FrameRange;
import io.framewise.server.notes.NewNote;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies a source's notes onto its clip, re-timed to the clip's frames: a thread whose frame or range
 * meets the source frames [in, out) is copied with its replies and drawings, its frames moved by the
 * offset between source and clip and its range clipped to the clip. Authors are kept (a share link's
 * guest stays the guest), and a resolved thread stays resolved by whoever resolved it, when they did.
 * Runs in the caller's unit of work.
 */
final class NoteCopier {

    private final NoteRepository notes;

    NoteCopier(NoteRepository notes) {
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /**
     * @param range the source frames asked for: threads meeting them are copied, clipped to them
     * @param firstSourceFrame the source frame the clip's frame {@code clipOffset} shows
     * @param clipOffset the clip frame showing {@code firstSourceFrame} (after a template's slate)
     * @return how many notes (threads and replies) were copied
     */
    int copy(String sourceId, String clipId, FrameRange range, long firstSourceFrame, long clipOffset) {
        List<Note> all = notes.listByMedia(sourceId);
        Map<String, Note> roots = new HashMap<>();
        List<NewNote> newRoots = new ArrayList<>();
        List<Note> copiedRoots = new ArrayList<>();
        for (Note n : all) {
            if (n.parentId() != null || !meets(n, range)) {
                continue;
            }
            long from = Math.max(n.frame(), range.in());
            Long to = n.frameOut() == null ? null : Math.min(n.frameOut(), range.out());
            long shift = clipOffset - firstSourceFrame;
            newRoots.add(new NewNote(
                    clipId,
                    null,
                    from + shift,
                    to == null ? null : to + shift,
                    n.text(),
                    n.drawing(),
                    n.authorId(),
                    n.guest()));
            copiedRoots.add(n);
        }
        if (newRoots.isEmpty()) {
            return 0;
        }
        List<Note> created = notes.createAll(newRoots);
        for (int i = 0; i < created.size(); i++) {
            roots.put(copiedRoots.get(i).id(), created.get(i));
        }
        List<NewNote> replies = new ArrayList<>();
        for (Note n : all) {
            Note root = n.parentId() == null ? null : roots.get(n.parentId());
            if (root != null) {
                replies.add(new NewNote(
                        clipId,
                        root.id(),
                        root.frame(),
                        root.frameOut(),
                        n.text(),
                        n.drawing(),
                        n.authorId(),
                        n.guest()));
            }
        }
        List<Note> createdReplies = replies.isEmpty() ? List.of() : notes.createAll(replies);
        for (int i = 0; i < copiedRoots.size(); i++) {
            Note original = copiedRoots.get(i);
            if (original.resolved() && original.resolvedBy() != null) {
                notes.update(created.get(i).id(), n -> n.withResolution(original.resolvedBy(), original.resolvedAt()));
            }
        }
        return created.size() + createdReplies.size();
    }

    /** Whether a thread's frame, or its range [frame, frameOut), meets the source frames [in, out). */
    static boolean meets(Note n, FrameRange range) {
        long end = n.frameOut() == null ? n.frame() + 1 : n.frameOut();
        return n.frame() < range.out() && end > range.in();
    }
}
