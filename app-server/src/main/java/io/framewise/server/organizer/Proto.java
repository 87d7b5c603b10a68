package io.framewise.server.organizer;

import com.google.protobuf.Timestamp;
import io.framewise.organizer.wire.v1.Asset;
import io.framewise.organizer.wire.v1.Folder;
import io.framewise.organizer.wire.v1.Media;
import io.framewise.organizer.wire.v1.MediaStatus;
import io.framewise.organizer.wire.v1.Note;
import io.framewise.organizer.wire.v1.Principal;
import io.framewise.organizer.wire.v1.Project;
import io.framewise.organizer.wire.v1.ProjectRole;
import io.framewise.organizer.wire.v1.User;
import io.framewise.server.auth.Account;
import io.framewise.server.library.AssetVersion;
import io.framewise.server.media.MediaItem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Server records to organizer API messages. */
final class Proto {

    private Proto() {}

    static Timestamp time(Instant t) {
        return Timestamp.newBuilder()
                .setSeconds(t.getEpochSecond())
                .setNanos(t.getNano())
                .build();
    }

    static Principal principal(io.framewise.server.access.Principal p) {
        if (p instanceof io.framewise.server.access.Principal.Person person) {
            return Principal.newBuilder()
                    .setUserId(person.userId())
                    .setName(person.name())
                    .setDisplayName(person.displayName())
                    .setAdmin(person.admin())
                    .build();
        }
        return Principal.getDefaultInstance();
    }

    static Principal principal(Account a) {
        return Principal.newBuilder()
                .setUserId(a.id())
                .setName(a.name())
                .setDisplayName(a.displayName())
                .setAdmin(a.admin())
                .build();
    }

    static Media media(MediaItem m, String assetId, String uploaderId) {
        var b = Media.newBuilder()
                .setId(m.id())
                .setOriginalName(m.originalName())
                .setStatus(MediaStatus.valueOf("MEDIA_STATUS_" + m.status().name()))
                .setError(m.error() == null ? "" : m.error())
                .setAssetId(assetId == null ? "" : assetId)
                .setUploaderUserId(uploaderId == null ? "" : uploaderId)
                .setCreateTime(time(m.created()));
        m.probeSummary().ifPresent(p -> {
            b.setFrameCount(p.frameCount());
            if (p.frameRate() != null) {
                b.setFrameRate(p.frameRate().toString());
            }
        });
        return b.build();
    }

    static Note note(io.framewise.server.notes.Note n) {
        return Note.newBuilder()
                .setId(n.id())
                .setMediaId(n.mediaId())
                .setParentId(n.parentId() == null ? "" : n.parentId())
                .setFrame(n.frame())
                .setFrameOut(n.frameOut() == null ? 0 : n.frameOut())
                .setText(n.text())
                .setAuthorUserId(n.authorId())
                .setResolved(n.resolved())
                .setCreateTime(time(n.created()))
                .build();
    }

    /** @param homeUserId whose home the project is, null for a shared project */
    static Project project(io.framewise.server.library.Project p, String homeUserId) {
        return Project.newBuilder()
                .setId(p.id())
                .setName(p.name())
                .setCreatorUserId(p.createdBy())
                .setHomeUserId(homeUserId == null ? "" : homeUserId)
                .build();
    }

    static User user(Account a) {
        return User.newBuilder()
                .setId(a.id())
                .setName(a.name())
                .setDisplayName(a.displayName())
                .setAdmin(a.admin())
                .build();
    }

    static ProjectRole role(String role) {
        try {
            return ProjectRole.valueOf("PROJECT_ROLE_" + role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ProjectRole.PROJECT_ROLE_UNSPECIFIED;
        }
    }

    static Folder folder(io.framewise.server.library.Folder f) {
        return Folder.newBuilder()
                .setId(f.id())
                .setProjectId(f.projectId())
                .setParentId(f.parentId() == null ? "" : f.parentId())
                .setName(f.name())
                .setPosition(f.position())
                .build();
    }

    static Asset asset(
            io.framewise.server.library.Asset a,
            List<AssetVersion> versions,
            List<String> tags,
            Map<String, String> metadata) {
        return Asset.newBuilder()
                .setId(a.id())
                .setProjectId(a.projectId())
                .setFolderId(a.folderId() == null ? "" : a.folderId())
                .setTitle(a.title())
                .setCreatorUserId(a.createdBy())
                .addAllVersionMediaIds(
                        versions.stream().map(AssetVersion::mediaId).toList())
                .addAllTags(tags)
                .putAllMetadata(metadata)
                .setCreateTime(time(a.created()))
                .build();
    }
}
