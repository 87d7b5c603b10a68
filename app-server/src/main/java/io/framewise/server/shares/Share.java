package io.framewise.server.shares;

import io.framewise.server.access.GuestRight;
import io.framewise.server.access.Resource;
import io.framewise.server.db.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A share link as stored (without its token, which is never kept).
 *
 * @param targetId the asset (for an asset or a clip) or the folder the link shows
 * @param projectId the project the target is in (who may manage the link follows from it)
 * @param version the pinned version of the asset, or null for always the latest
 * @param passwordHash the Argon2id hash guests' passwords are checked against, or null
 * @param expires when the link stops working, or null for never
 * @param maxViews how many guest sessions may be opened, or null for no limit
 * @param views guest sessions opened so far
 * @param revoked when the link was revoked, or null
 */
public record Share(
        String id,
        TargetType targetType,
        String targetId,
        String projectId,
        Integer version,
        String title,
        Set<GuestRight> rights,
        String passwordHash,
        Instant expires,
        Integer maxViews,
        int views,
        boolean watermark,
        boolean requireEmail,
        boolean live,
        String createdBy,
        Instant created,
        Instant updated,
        Instant revoked) {

    /** What a link shows. A clip is a media item filed as an asset: its link is that asset's. */
    public enum TargetType {
        ASSET,
        CLIP,
        FOLDER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static TargetType fromWire(String text) {
            for (TargetType t : values()) {
                if (t.wire().equals(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("target.type must be asset, clip or folder, got " + text);
        }
    }

    /** Whether guests may open it now, and if not, why. */
    public enum State {
        ACTIVE("active"),
        EXPIRED("expired"),
        REVOKED("revoked"),
        USED_UP("used-up");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public Share {
        Ids.require("id", id);
        Objects.requireNonNull(targetType, "targetType");
        Ids.require("targetId", targetId);
        Ids.require("projectId", projectId);
        rights = Set.copyOf(rights);
        if (!rights.contains(GuestRight.VIEW)) {
            throw new IllegalArgumentException("a link always has the view right");
        }
        Ids.require("createdBy", createdBy);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    public State state(Instant now) {
        if (revoked != null) {
            return State.REVOKED;
        }
        if (expires != null && !expires.isAfter(now)) {
            return State.EXPIRED;
        }
        if (maxViews != null && views >= maxViews) {
            return State.USED_UP;
        }
        return State.ACTIVE;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** The rights in their wire form, in a stable order (view first). */
    public List<String> wireRights() {
        return rights.stream().sorted().map(GuestRight::wire).toList();
    }

    /**
     * What managing the link is decided on, and its audit entries (also its guests') are filed
     * under: its asset, or the project of its folder.
     */
    public Resource resource() {
        return targetType == TargetType.FOLDER ? new Resource.Project(projectId) : new Resource.Asset(targetId);
    }
}
