package io.framewise.server.access;

/**
 * What a share link's guest may do: see the media inside the link and do there exactly what the
 * link's rights allow; nothing else exists for them. Everything outside the link answers as if it
 * did not exist (404) or as if nobody were signed in (401, for routes not about one thing), so a
 * guest token cannot probe ids. Inside the link, what the rights do not allow is refused (403).
 *
 * <p>The link is read fresh on every decision: a revoked or expired link, or one whose target was
 * deleted, shows nothing from the next request on.
 */
final class GuestPolicy {

    private final AccessFacts facts;

    GuestPolicy(AccessFacts facts) {
        this.facts = facts;
    }

    Decision decide(Principal.Guest guest, Action action, Resource resource) {
        return switch (action) {
            case PUBLIC -> Decision.allow("open to everyone");
            case GUEST_SESSION -> facts.shareScope(guest.shareId()).isPresent()
                    ? Decision.allow("guest of the link")
                    : Decision.unauthenticated();
            case MEDIA_VIEW -> onMedia(guest, resource, GuestRight.VIEW);
            case NOTE_VIEW, NOTE_CREATE -> resource instanceof Resource.Note note
                    ? onNote(guest, note, GuestRight.COMMENT)
                    : onMedia(guest, resource, GuestRight.COMMENT);
            case MEDIA_DOWNLOAD -> guest.may(GuestRight.DOWNLOAD) || guest.may(GuestRight.DOWNLOAD_PROXY)
                    ? onMedia(guest, resource, GuestRight.VIEW)
                    : refuseInside(guest, resource, "this link does not allow downloads");
            case APPROVAL_SET -> onAsset(guest, resource, GuestRight.APPROVE);
            case LIVE_JOIN -> guest.live()
                    ? onMedia(guest, resource, GuestRight.VIEW)
                    : refuseInside(guest, resource, "this link does not allow live sessions");
                // Library-wide events are not for guests; a live link's guest subscribes to its media only.
            case EVENTS_SUBSCRIBE -> Decision.unauthenticated();
            case NOTE_EDIT, NOTE_DELETE, NOTE_RESOLVE -> resource instanceof Resource.Note note
                    ? refuseNote(guest, note)
                    : Decision.hidden("not in this link");
            case LIVE_DRIVE, MEDIA_DELETE, MEDIA_FILE, VERSION_ADD, SUBTITLE_MANAGE -> refuseInside(
                    guest, resource, "guests may not do this");
                // Projects, assets as a whole, lists, accounts, administration, links: not for guests.
            default -> hiddenOrUnauthenticated(resource);
        };
    }

    private Decision onMedia(Principal.Guest guest, Resource resource, GuestRight needed) {
        if (!(resource instanceof Resource.Media media) || !inLink(guest, media.id())) {
            return hiddenOrUnauthenticated(resource);
        }
        return byRight(guest, needed);
    }

    private Decision onNote(Principal.Guest guest, Resource.Note note, GuestRight needed) {
        return noteInLink(guest, note) ? byRight(guest, needed) : Decision.hidden("no such note");
    }

    private Decision refuseNote(Principal.Guest guest, Resource.Note note) {
        return noteInLink(guest, note)
                ? Decision.deny("guests add notes and replies; they do not change them")
                : Decision.hidden("no such note");
    }

    private Decision onAsset(Principal.Guest guest, Resource resource, GuestRight needed) {
        return assetInLink(guest, resource) ? byRight(guest, needed) : hiddenOrUnauthenticated(resource);
    }

    /** Refused where the guest sees the thing (403), hidden where they do not (404). */
    private Decision refuseInside(Principal.Guest guest, Resource resource, String reason) {
        boolean seen =
                resource instanceof Resource.Media media ? inLink(guest, media.id()) : assetInLink(guest, resource);
        return seen ? Decision.deny(reason) : hiddenOrUnauthenticated(resource);
    }

    /** Inside the link: what its rights say. */
    private static Decision byRight(Principal.Guest guest, GuestRight needed) {
        return guest.may(needed)
                ? Decision.allow("guest of the link")
                : Decision.deny("this link does not allow " + needed.wire());
    }

    private boolean inLink(Principal.Guest guest, String mediaId) {
        return facts.shareScope(guest.shareId())
                .map(s -> s.mediaIds().contains(mediaId))
                .orElse(false);
    }

    private boolean assetInLink(Principal.Guest guest, Resource resource) {
        return resource instanceof Resource.Asset asset
                && facts.shareScope(guest.shareId())
                        .map(s -> s.assetIds().contains(asset.id()))
                        .orElse(false);
    }

    private boolean noteInLink(Principal.Guest guest, Resource.Note note) {
        return facts.note(note.id())
                .map(found -> inLink(guest, found.mediaId()))
                .orElse(false);
    }

    /** Things with an id do not exist for the guest; the rest needs someone signed in. */
    private static Decision hiddenOrUnauthenticated(Resource resource) {
        return resource instanceof Resource.Server || resource instanceof Resource.User
                ? Decision.unauthenticated()
                : Decision.hidden("not in this link");
    }
}
