package io.framewise.organizer.sdk;

import com.google.protobuf.Timestamp;
import io.framewise.organizer.wire.v1.ApprovalStatus;
import io.framewise.organizer.wire.v1.ProjectRole;
import java.time.Instant;
import java.util.Locale;

/** Between the SDK's records and the generated protobuf messages, which stay out of the public API. */
final class Wire {

    private Wire() {}

    static Principal principal(io.framewise.organizer.wire.v1.Principal p) {
        return new Principal(p.getUserId(), p.getName(), p.getDisplayName(), p.getAdmin());
    }

    static io.framewise.organizer.wire.v1.Principal principal(Principal p) {
        return io.framewise.organizer.wire.v1.Principal.newBuilder()
                .setUserId(p.userId())
                .setName(p.name())
                .setDisplayName(p.displayName())
                .setAdmin(p.admin())
                .build();
    }

    static ResourceRef ref(io.framewise.organizer.wire.v1.ResourceRef r) {
        return new ResourceRef(r.getType(), r.getId());
    }

    static io.framewise.organizer.wire.v1.ResourceRef ref(ResourceRef r) {
        return io.framewise.organizer.wire.v1.ResourceRef.newBuilder()
                .setType(r.type())
                .setId(r.id())
                .build();
    }

    static Instant time(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    static MediaInfo media(io.framewise.organizer.wire.v1.Media m) {
        return new MediaInfo(
                m.getId(),
                m.getOriginalName(),
                lower(m.getStatus().name(), "MEDIA_STATUS_"),
                m.getError(),
                m.getFrameCount(),
                m.getFrameRate(),
                m.getAssetId(),
                m.getUploaderUserId(),
                time(m.getCreateTime()));
    }

    static NoteInfo note(io.framewise.organizer.wire.v1.Note n) {
        return new NoteInfo(
                n.getId(),
                n.getMediaId(),
                n.getParentId(),
                n.getFrame(),
                n.getFrameOut(),
                n.getText(),
                n.getAuthorUserId(),
                n.getResolved(),
                time(n.getCreateTime()));
    }

    static AssetInfo asset(io.framewise.organizer.wire.v1.Asset a) {
        return new AssetInfo(
                a.getId(),
                a.getProjectId(),
                a.getFolderId(),
                a.getTitle(),
                a.getCreatorUserId(),
                a.getVersionMediaIdsList(),
                a.getTagsList(),
                a.getMetadataMap(),
                time(a.getCreateTime()));
    }

    static FolderInfo folder(io.framewise.organizer.wire.v1.Folder f) {
        return new FolderInfo(f.getId(), f.getProjectId(), f.getParentId(), f.getName(), f.getPosition());
    }

    static ProjectInfo project(io.framewise.organizer.wire.v1.Project p) {
        return new ProjectInfo(p.getId(), p.getName(), p.getCreatorUserId(), p.getHomeUserId());
    }

    static UserInfo user(io.framewise.organizer.wire.v1.User u) {
        return new UserInfo(u.getId(), u.getName(), u.getDisplayName(), u.getAdmin());
    }

    static Member member(io.framewise.organizer.wire.v1.ProjectMember m) {
        return new Member(m.getUserId(), role(m.getRole()));
    }

    static String role(ProjectRole role) {
        return lower(role.name(), "PROJECT_ROLE_");
    }

    static String approval(ApprovalStatus status) {
        return lower(status.name(), "APPROVAL_STATUS_");
    }

    static ActionDefinition action(io.framewise.organizer.wire.v1.ActionDefinition a) {
        return new ActionDefinition(a.getId(), a.getLabel(), a.getDescription(), a.getTargetType());
    }

    static io.framewise.organizer.wire.v1.ActionDefinition action(ActionDefinition a) {
        return io.framewise.organizer.wire.v1.ActionDefinition.newBuilder()
                .setId(a.id())
                .setLabel(a.label())
                .setDescription(a.description())
                .setTargetType(a.targetType())
                .build();
    }

    /** {@code MEDIA_STATUS_READY} to {@code ready}; unknown values become an empty string. */
    static String lower(String enumName, String prefix) {
        if (!enumName.startsWith(prefix) || enumName.endsWith("UNSPECIFIED") || enumName.equals("UNRECOGNIZED")) {
            return "";
        }
        return enumName.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }

    /** The inverse of {@link #lower}: {@code ready} to {@code MEDIA_STATUS_READY}. */
    static String upper(String prefix, String wire) {
        return prefix + wire.toUpperCase(Locale.ROOT);
    }
}
