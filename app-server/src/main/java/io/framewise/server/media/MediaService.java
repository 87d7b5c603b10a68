package io.framewise.server.media;

import io.framewise.server.access.Action;
import io.framewise.server.access.Authorizer;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Paging;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The library's media items: look one up, list what a caller may see page by page, remove one.
 * Removal is one unit of work (the row, its {@code media.removed} entry and its audit entry); the
 * item's running work is stopped before and its files go after the commit.
 */
public final class MediaService {

    /** One page of a listing; {@code next} is the opaque cursor of the following page, null on the last. */
    public record Page(List<MediaItem> items, String next, int total) {}

    private final MediaRepository media;
    private final UnitOfWork work;
    private final DomainEvents events;
    private final Permissions permissions;
    private final Consumer<String> stopProcessing;
    private final Consumer<String> dropFiles;
    private final OriginalPaths originals;

    /**
     * @param stopProcessing cancels the running steps of a media item about to be removed
     * @param dropFiles removes a removed item's files and cached stills
     */
    public MediaService(
            MediaRepository media,
            UnitOfWork work,
            DomainEvents events,
            Permissions permissions,
            Consumer<String> stopProcessing,
            Consumer<String> dropFiles) {
        this.media = Objects.requireNonNull(media, "media");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.stopProcessing = Objects.requireNonNull(stopProcessing, "stopProcessing");
        this.dropFiles = Objects.requireNonNull(dropFiles, "dropFiles");
        this.originals = new OriginalPaths(id -> media.get(id).map(MediaItem::storedPath));
    }

    /** The item, once the caller may see it; the one 404 for unknown and malformed ids alike. */
    public MediaItem get(Caller caller, String id) {
        MediaItem item = find(id);
        permissions.require(caller, Action.MEDIA_VIEW, new Resource.Media(item.id()));
        return item;
    }

    /**
     * The item, for a request whose access filter has already allowed {@code MEDIA_VIEW} on this very
     * id ({@code Access.allowedByRoute}): the decision is made once per request, not twice.
     */
    public MediaItem getAllowed(String id) {
        return find(id);
    }

    /**
     * Where the item's original is stored (relative to the data folder), for a request whose access
     * filter has already allowed {@code MEDIA_VIEW} on this id; the one 404 when there is no such
     * item. Read through a short-lived cache ({@link OriginalPaths}): the path never changes.
     */
    public String originalPathAllowed(String id) {
        Optional<String> path = Ids.isValid(id) ? originals.of(id) : Optional.empty();
        return path.orElseThrow(() -> new ApiException.NotFound("No media item " + id, Map.of("id", id)));
    }

    private MediaItem find(String id) {
        Optional<MediaItem> item = Ids.isValid(id) ? media.get(id) : Optional.empty();
        return item.orElseThrow(() -> new ApiException.NotFound("No media item " + id, Map.of("id", id)));
    }

    /** The renditions of the items of a page, by item, in one query. */
    public Map<String, List<Rendition>> renditions(List<MediaItem> items) {
        return media.renditions(items.stream().map(MediaItem::id).toList());
    }

    /** The item's renditions (proxy, poster, sprites, waveform) in any state. */
    public List<Rendition> renditions(String id) {
        return media.renditions(id);
    }

    /**
     * Up to {@code limit} items the caller may see after {@code after} (a previous page's cursor, or
     * null for the first page), oldest first. Pages count only what the caller may see, so they stay
     * full and the cursor stays stable.
     */
    public Page list(Caller caller, int limit, String after) {
        permissions.require(caller, Action.MEDIA_LIST, Resource.SERVER);
        int offset = after == null || after.isEmpty() ? 0 : cursorOffset(after);
        Optional<MediaScope> scope = scopeOf(caller);
        if (scope.isEmpty()) {
            return listCheckingEach(caller, limit, offset);
        }
        int total = media.count(scope.get());
        List<MediaItem> page = media.list(scope.get(), new Paging(offset, limit, false));
        boolean more = (long) offset + limit < total;
        return new Page(page, more ? cursor(offset + limit) : null, total);
    }

    /**
     * What the database may decide for this caller: everything for administrators, their own scope for
     * other people; empty when an organizer takes part in access decisions (its rules may open or
     * close any item, so each one is asked about).
     */
    private Optional<MediaScope> scopeOf(Caller caller) {
        Authorizer authorizer = permissions.authorizer();
        if (!authorizer.rolesAlone() || !(caller.principal() instanceof Principal.Person person)) {
            return Optional.empty();
        }
        return Optional.of(person.admin() ? MediaScope.everything() : MediaScope.seenBy(person.userId()));
    }

    /** The listing with the authorizer asked about every item, for when organizers decide access too. */
    private Page listCheckingEach(Caller caller, int limit, int offset) {
        List<MediaItem> page = new ArrayList<>();
        int seen = 0;
        int total = 0;
        int chunk = 0;
        for (List<MediaItem> batch; !(batch = media.list(new Paging(chunk, Paging.MAX_LIMIT, false))).isEmpty(); ) {
            for (MediaItem item : batch) {
                if (!permissions.authorizer().canSee(caller.principal(), item.id())) {
                    continue;
                }
                total++;
                if (seen++ >= offset && page.size() <= limit) {
                    page.add(item);
                }
            }
            chunk += batch.size();
            if (batch.size() < Paging.MAX_LIMIT) {
                break;
            }
        }
        boolean more = page.size() > limit;
        return new Page(
                List.copyOf(page.subList(0, Math.min(limit, page.size()))),
                more ? cursor(offset + limit) : null,
                total);
    }

    /**
     * Removes the item. Watchers hear of the removal before the unit of work begins: who may hear of
     * it is decided against the item and its project as they still are (afterwards nobody could be
     * shown to have seen it, and the event would go to everyone or no one).
     */
    public void remove(Caller caller, String id) {
        MediaItem item = find(id);
        permissions.require(caller, Action.MEDIA_DELETE, new Resource.Media(item.id()));
        stopProcessing.accept(item.id());
        originals.forget(item.id());
        LibraryEvent removed = LibraryEvent.removed(item.id(), null);
        events.transientMedia(removed);
        work.inTransaction(() -> {
            if (!media.delete(item.id())) {
                throw new ApiException.NotFound("No media item " + item.id(), Map.of("id", item.id()));
            }
            events.recordOnly(removed, Map.of());
            permissions.audit(
                    caller,
                    "media.deleted",
                    new Resource.Media(item.id()),
                    AuditOutcome.SUCCESS,
                    Map.of("name", item.originalName()));
        });
        // Again after the commit: a stream request between the first forget and the commit may
        // have read the path back.
        originals.forget(item.id());
        dropFiles.accept(item.id());
    }

    private static String cursor(int offset) {
        return "o" + Integer.toString(offset, 36);
    }

    private static int cursorOffset(String cursor) {
        try {
            if (cursor.length() > 8 || !cursor.startsWith("o")) {
                throw new NumberFormatException();
            }
            int offset = Integer.parseInt(cursor.substring(1), 36);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("'after' must be a cursor from a previous page's 'next'");
        }
    }
}
