package io.framewise.server.shares;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.auth.AccountException;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.Ids;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.AssetVersion;
import io.framewise.server.library.Folder;
import io.framewise.server.library.ProjectRepository;
import io.framewise.server.shares.ShareRequests.Changes;
import io.framewise.server.shares.ShareRequests.Draft;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Share links for their owners: create (the token is shown once), list, change and revoke them.
 * Managing a link needs {@link Action#SHARE_MANAGE} on its target (editors of the asset's or the
 * folder's project). Each change commits with its audit entry; a revocation then tells the guest
 * side, which closes the link's live connections (its sessions already stop at the next request,
 * since every guest request reads the link afresh).
 */
public final class ShareService {

    /** A link just created, with its token (the only time it exists outside the guest's hands). */
    public record Created(Share share, String token) {}

    /** A link with the title of what it shows (null when that is gone). */
    public record Listed(Share share, String targetTitle) {}

    /** What the guest side hears once a change is stored. */
    public interface Ended {
        /** The link was revoked: its guest sessions and their live connections end. */
        void revoked(String shareId);

        /** The link no longer allows live sessions: its guests' live connections close. */
        void liveOff(String shareId);
    }

    private final ShareRepository shares;
    private final AssetRepository assets;
    private final ProjectRepository projects;
    private final UnitOfWork work;
    private final Permissions permissions;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Ended ended;

    public ShareService(
            ShareRepository shares,
            AssetRepository assets,
            ProjectRepository projects,
            UnitOfWork work,
            Permissions permissions,
            PasswordHasher hasher,
            Clock clock,
            Ended ended) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.work = Objects.requireNonNull(work, "work");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ended = Objects.requireNonNull(ended, "ended");
    }

    /** What a link points at, resolved and authorized. */
    private record Target(Share.TargetType type, String id, String projectId, Integer version) {}

    public Created create(Caller caller, Draft draft) {
        Principal.Person person = caller.person();
        Target target = target(caller, draft.targetType(), draft.targetId(), draft.version());
        Instant now = clock.instant();
        requireFuture(draft.expires(), now);
        String passwordHash = draft.password() == null ? null : hash(draft.password());
        String token = LinkSecrets.newSecret(LinkSecrets.LINK_PREFIX);
        Share share = new Share(
                Ids.newId(),
                target.type(),
                target.id(),
                target.projectId(),
                target.version(),
                draft.title(),
                draft.rights(),
                passwordHash,
                draft.expires(),
                draft.maxViews(),
                0,
                draft.watermark(),
                draft.requireEmail(),
                draft.live(),
                person.userId(),
                now,
                now,
                null);
        work.inTransaction(() -> {
            shares.insert(share, LinkSecrets.hash(token));
            audit(caller, "share.created", share, details(share));
        });
        return new Created(share, token);
    }

    /** The links of one target, or every link the caller may manage when no target is named. */
    public List<Listed> list(Caller caller, String targetType, String targetId) {
        caller.person();
        List<Share> found;
        if (targetType != null || targetId != null) {
            if (targetType == null || targetId == null) {
                throw new ApiException.BadRequest(
                        "give both targetType and targetId, or neither", Map.of("field", "targetId"), null);
            }
            Target target = target(caller, targetType, targetId, null);
            found = shares.list(target.type(), target.id());
            if (target.type() == Share.TargetType.ASSET) {
                // A clip's links are its asset's links too.
                found = new ArrayList<>(found);
                found.addAll(shares.list(Share.TargetType.CLIP, target.id()));
                found.sort((a, b) -> b.created().compareTo(a.created()));
            }
        } else {
            found = shares.list(null, null).stream()
                    .filter(s -> permissions
                            .authorizer()
                            .decide(caller.principal(), Action.SHARE_MANAGE, s.resource())
                            .allowed())
                    .toList();
        }
        return found.stream().map(s -> new Listed(s, targetTitle(s))).toList();
    }

    public Listed get(Caller caller, String id) {
        Share share = manageable(caller, id);
        return new Listed(share, targetTitle(share));
    }

    public Listed change(Caller caller, String id, Changes changes) {
        Share share = manageable(caller, id);
        Instant now = clock.instant();
        if (share.revoked() != null) {
            throw new ApiException.Conflict("This link was revoked; create a new one.", Map.of("state", "revoked"));
        }
        Instant expires =
                changes.expires() == null ? share.expires() : changes.expires().value();
        if (changes.expires() != null) {
            requireFuture(expires, now);
        }
        String passwordHash = share.passwordHash();
        if (changes.password() != null) {
            passwordHash = changes.password().value() == null
                    ? null
                    : hash(changes.password().value());
        }
        Share changed = new Share(
                share.id(),
                share.targetType(),
                share.targetId(),
                share.projectId(),
                share.version(),
                changes.title() == null ? share.title() : changes.title().value(),
                changes.rights() == null ? share.rights() : changes.rights(),
                passwordHash,
                expires,
                changes.maxViews() == null
                        ? share.maxViews()
                        : changes.maxViews().value(),
                share.views(),
                changes.watermark() == null ? share.watermark() : changes.watermark(),
                changes.requireEmail() == null ? share.requireEmail() : changes.requireEmail(),
                changes.live() == null ? share.live() : changes.live(),
                share.createdBy(),
                share.created(),
                now,
                null);
        work.inTransaction(() -> {
            shares.update(changed);
            Map<String, Object> details = details(changed);
            details.put("passwordChanged", changes.password() != null);
            audit(caller, "share.updated", changed, details);
        });
        if (share.live() && !changed.live()) {
            ended.liveOff(share.id());
        }
        return new Listed(changed, targetTitle(changed));
    }

    /** Revokes the link: guests get 404 from now on; its analytics stay. */
    public void revoke(Caller caller, String id) {
        Share share = manageable(caller, id);
        work.inTransaction(() -> {
            if (shares.revoke(share.id(), clock.instant())) {
                audit(caller, "share.revoked", share, Map.of("shareId", share.id()));
                work.afterCommit(() -> ended.revoked(share.id()));
            }
        });
    }

    /** The link, once the caller may manage it: 404 for an unknown id or one they may not see. */
    public Share manageable(Caller caller, String id) {
        caller.person();
        Share share = shares.get(id).orElseThrow(() -> new ApiException.NotFound("no such share link: " + id));
        permissions.require(caller, Action.SHARE_MANAGE, share.resource());
        return share;
    }

    /** The title of what the link shows: the asset's title or the folder's name; null when gone. */
    public String targetTitle(Share share) {
        return switch (share.targetType()) {
            case ASSET, CLIP -> assets.get(share.targetId()).map(Asset::title).orElse(null);
            case FOLDER -> projects.getFolder(share.targetId())
                    .map(Folder::name)
                    .orElse(null);
        };
    }

    private Target target(Caller caller, String rawType, String id, Integer version) {
        Share.TargetType type;
        try {
            type = Share.TargetType.fromWire(rawType);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(e.getMessage(), Map.of("field", "target.type"), null);
        }
        if (type == Share.TargetType.FOLDER) {
            if (version != null) {
                throw new ApiException.Invalid("version applies to an asset, not a folder", Map.of("field", "version"));
            }
            Folder folder = projects.getFolder(id)
                    .orElseThrow(() -> new ApiException.Invalid("no such folder: " + id, Map.of("field", "target.id")));
            permissions.requireReferenced(
                    caller, Action.SHARE_MANAGE, new Resource.Project(folder.projectId()), "target.id");
            return new Target(type, folder.id(), folder.projectId(), null);
        }
        Optional<Asset> asset = assets.get(id);
        Integer pinned = version;
        if (asset.isEmpty() && type == Share.TargetType.CLIP) {
            // A clip named by its media item: the asset it is filed as, pinned to that version.
            Optional<String> assetId = assets.assetOfMedia(id);
            asset = assetId.flatMap(assets::get);
            Optional<Integer> number = assetId.flatMap(a -> assets.versions(a).stream()
                    .filter(v -> v.mediaId().equals(id))
                    .map(AssetVersion::number)
                    .findFirst());
            if (number.isPresent() && version != null && !version.equals(number.get())) {
                throw new ApiException.Invalid(
                        "that clip is version " + number.get() + " of its asset, not " + version,
                        Map.of("field", "version"));
            }
            pinned = number.orElse(version);
        }
        Asset found = asset.orElseThrow(
                () -> new ApiException.Invalid("no such " + type.wire() + ": " + id, Map.of("field", "target.id")));
        permissions.requireReferenced(caller, Action.SHARE_MANAGE, new Resource.Asset(found.id()), "target.id");
        if (pinned != null) {
            int number = pinned;
            if (assets.versions(found.id()).stream().noneMatch(v -> v.number() == number)) {
                throw new ApiException.Invalid("the asset has no version " + number, Map.of("field", "version"));
            }
        }
        return new Target(type, found.id(), found.projectId(), pinned);
    }

    private String hash(String password) {
        try {
            return hasher.hash(password);
        } catch (AccountException.WeakPassword e) {
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "password"));
        }
    }

    private static void requireFuture(Instant expires, Instant now) {
        if (expires != null && !expires.isAfter(now)) {
            throw new ApiException.Invalid("expiresAt must be in the future", Map.of("field", "expiresAt"));
        }
    }

    private void audit(Caller caller, String event, Share share, Map<String, ?> details) {
        permissions.audit(caller, event, share.resource(), AuditOutcome.SUCCESS, details);
    }

    private static Map<String, Object> details(Share share) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shareId", share.id());
        m.put("target", share.targetType().wire() + ":" + share.targetId());
        m.put("rights", share.wireRights());
        m.put("hasPassword", share.hasPassword());
        m.put("expiresAt", share.expires() == null ? "" : share.expires().toString());
        m.put("maxViews", share.maxViews() == null ? 0 : share.maxViews());
        m.put("watermark", share.watermark());
        m.put("live", share.live());
        return m;
    }
}
