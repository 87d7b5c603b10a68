package io.framewise.server.notifications;

import io.framewise.server.access.AccessFacts;
import io.framewise.server.access.Action;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.auth.Account;
import io.framewise.server.auth.AccountRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.notes.Note;
import io.framewise.server.notes.NoteRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happened (a note, an approval, a link opened, processing done) into notifications for
 * the people it concerns and events for webhooks. Nobody hears of something they may not see: every
 * recipient is checked against the authorizer as themselves, so a mention of someone outside the
 * project tells them nothing.
 */
public final class PeopleEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleEvents.class);

    private final NoteRepository notes;
    private final MediaRepository media;
    private final AssetRepository assets;
    private final AccountRepository accounts;
    private final AccessFacts facts;
    private final Authorizer authorizer;
    private final PeopleNotifier notifier;
    private final WebhookEvents webhooks;
    private final JooqReviewRequests reviewRequests;

    public PeopleEvents(
            NoteRepository notes,
            MediaRepository media,
            AssetRepository assets,
            AccountRepository accounts,
            AccessFacts facts,
            Authorizer authorizer,
            PeopleNotifier notifier,
            WebhookEvents webhooks,
            JooqReviewRequests reviewRequests) {
        this.notes = notes;
        this.media = media;
        this.assets = assets;
        this.accounts = accounts;
        this.facts = facts;
        this.authorizer = authorizer;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.reviewRequests = reviewRequests;
    }

    /** A note was written: its mentions, the author of the note it answers and the uploader are told. */
    public void noteCreated(String noteId) {
        Optional<Note> found = notes.get(noteId);
        if (found.isEmpty()) {
            return;
        }
        Note note = found.get();
        String assetId = assets.assetOfMedia(note.mediaId()).orElse(null);
        String where = where(note.mediaId(), assetId);
        String who = note.guest() != null ? note.guest().name() : nameOf(note.authorId());
        // A guest's note is filed under the link creator's account: they did not write it.
        String actor = note.guest() != null ? null : note.authorId();
        Map<String, NotificationKind> told = new LinkedHashMap<>();
        for (String name : Mentions.names(note.text())) {
            accounts.findByName(name).ifPresent(a -> told.putIfAbsent(a.id(), NotificationKind.MENTION));
        }
        if (note.parentId() != null) {
            notes.get(note.parentId())
                    .filter(parent -> parent.guest() == null)
                    .ifPresent(parent -> told.putIfAbsent(parent.authorId(), NotificationKind.REPLY));
        }
        facts.uploaderOf(note.mediaId()).ifPresent(uploader -> told.putIfAbsent(uploader, NotificationKind.NOTE));
        told.forEach((userId, kind) -> {
            if (userId.equals(actor) || !mayRead(userId, note.id())) {
                return;
            }
            if (kind == NotificationKind.NOTE && notifier.repeatsUnreadNote(userId, note.mediaId())) {
                return;
            }
            String text =
                    switch (kind) {
                        case MENTION -> who + " mentioned you on " + where + " at frame " + note.frame();
                        case REPLY -> who + " replied to your note on " + where + " at frame " + note.frame();
                        default -> who + " wrote a note on " + where + " at frame " + note.frame();
                    };
            tell(
                    new Told(
                            kind,
                            userId,
                            actor,
                            text,
                            note.mediaId(),
                            assetId,
                            note.frame(),
                            note.id(),
                            "note",
                            note.id()),
                    note.text());
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noteId", note.id());
        data.put("mediaId", note.mediaId());
        data.put("assetId", assetId);
        data.put("frame", note.frame());
        data.put("parentId", note.parentId());
        data.put("author", who);
        data.put("text", note.text());
        data.put("link", notifier.link(assetId, note.frame()));
        publish("note.created", facts.projectOfMedia(note.mediaId()).orElse(null), data);
    }

    /** An approval changed: the uploader of that version hears of it; the approver's review requests are answered. */
    public void approvalChanged(String assetId, int versionNumber, String status, Principal decidedBy) {
        String by = decidedBy instanceof Principal.Person p ? p.userId() : null;
        if (by != null) {
            reviewRequests.answered(assetId, by);
        }
        Optional<Asset> asset = assets.get(assetId);
        String mediaId = assets.versions(assetId).stream()
                .filter(v -> v.number() == versionNumber)
                .map(v -> v.mediaId())
                .findFirst()
                .orElse(null);
        String title = asset.map(Asset::title).orElse("an asset");
        if (mediaId != null) {
            facts.uploaderOf(mediaId).ifPresent(uploader -> {
                if (!uploader.equals(by) && maySee(uploader, mediaId)) {
                    String who = by == null ? "Someone" : nameOf(by);
                    tell(
                            new Told(
                                    NotificationKind.APPROVAL,
                                    uploader,
                                    by,
                                    who + " set " + title + " v" + versionNumber + " to " + status.replace('_', ' '),
                                    mediaId,
                                    assetId,
                                    null,
                                    null,
                                    "asset",
                                    assetId),
                            null);
                }
            });
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assetId", assetId);
        data.put("version", versionNumber);
        data.put("mediaId", mediaId);
        data.put("status", status);
        data.put("by", by == null ? null : nameOf(by));
        data.put("link", notifier.link(assetId, null));
        publish("approval.changed", asset.map(Asset::projectId).orElse(null), data);
    }

    /** A share link was opened for the first time: its creator hears of it. */
    public void shareOpened(String shareId, String title, String createdBy, String projectId, String guestName) {
        tell(
                new Told(
                        NotificationKind.SHARE_OPENED,
                        createdBy,
                        null,
                        guestName + " opened your share link \"" + title + "\" for the first time",
                        null,
                        null,
                        null,
                        null,
                        "share",
                        shareId),
                null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("shareId", shareId);
        data.put("title", title);
        data.put("guest", guestName);
        publish("share.opened", projectId, data);
    }

    /** Processing finished: webhooks hear of it, and the uploader of a failure. */
    public void mediaFinished(LibraryEvent event) {
        if (event.kind() != LibraryEvent.Kind.READY && event.kind() != LibraryEvent.Kind.FAILED) {
            return;
        }
        String mediaId = event.mediaId();
        String name = media.get(mediaId).map(MediaItem::originalName).orElse(mediaId);
        String assetId = assets.assetOfMedia(mediaId).orElse(null);
        if (event.kind() == LibraryEvent.Kind.FAILED) {
            facts.uploaderOf(mediaId)
                    .ifPresent(uploader -> tell(
                            new Told(
                                    NotificationKind.JOB_FAILED,
                                    uploader,
                                    null,
                                    "Processing " + name + " failed"
                                            + (event.reason() == null ? "" : ": " + event.reason()),
                                    mediaId,
                                    assetId,
                                    null,
                                    null,
                                    "media",
                                    mediaId),
                            null));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mediaId", mediaId);
        data.put("assetId", assetId);
        data.put("name", name);
        data.put("reason", event.reason());
        publish(
                event.kind() == LibraryEvent.Kind.READY ? "media.ready" : "media.failed",
                facts.projectOfMedia(mediaId).orElse(null),
                data);
    }

    String where(String mediaId, String assetId) {
        if (assetId != null) {
            Optional<Asset> asset = assets.get(assetId);
            if (asset.isPresent()) {
                return asset.get().title();
            }
        }
        return media.get(mediaId).map(MediaItem::originalName).orElse("a media item");
    }

    String nameOf(String userId) {
        return accounts.get(userId).map(Account::displayName).orElse("Someone");
    }

    /** Whether the person, as themselves, may read the note (and so the media it is on). */
    boolean mayRead(String userId, String noteId) {
        return principal(userId)
                .map(p -> authorizer
                        .decide(p, Action.NOTE_VIEW, new Resource.Note(noteId))
                        .allowed())
                .orElse(false);
    }

    boolean maySee(String userId, String mediaId) {
        return principal(userId).map(p -> authorizer.canSee(p, mediaId)).orElse(false);
    }

    Optional<Principal.Person> principal(String userId) {
        return accounts.get(userId)
                .filter(a -> !a.disabled())
                .map(a -> new Principal.Person(
                        a.id(), a.name(), a.displayName(), a.admin(), Principal.Credential.local()));
    }

    private void tell(Told told, String quote) {
        try {
            notifier.tell(told, quote);
        } catch (RuntimeException e) {
            // One person's notification must not keep the others from theirs.
            LOG.warn("Telling {} of {} failed", told.userId(), told.kind().wire(), e);
        }
    }

    private void publish(String kind, String projectId, Map<String, ?> data) {
        try {
            webhooks.publish(kind, projectId, data);
        } catch (RuntimeException e) {
            LOG.warn("Queueing webhook deliveries of {} failed", kind, e);
        }
    }
}
