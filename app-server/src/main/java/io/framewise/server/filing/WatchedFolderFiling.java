package io.framewise.server.filing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a file dropped into the watched folder goes, by the folders it sits in under
 * {@code incoming}:
 *
 * <pre>
 * incoming/clip.mov                       the default project (made on demand, owned by the first admin)
 * incoming/PROJECT/F1/F2/clip.mov         project PROJECT (by name), folder F1/F2 in it
 * incoming/users/NAME/F1/clip.mov         NAME's home ("My folders"), folder F1 in it
 * </pre>
 *
 * Folders are found by name and made when missing if the settings allow it (else the file lands in
 * the deepest one that exists). A project that does not exist is made only when the settings allow
 * it; otherwise the file goes to the default project with its folders kept, so it is not lost. A
 * file under {@code users/} for an account that does not exist is refused (the watched folder moves
 * it to {@code rejected}): a private file never lands in a shared project by a typo.
 */
public final class WatchedFolderFiling {

    /** The folder under {@code incoming} whose subfolders are people's homes. */
    public static final String USERS = "users";

    /**
     * What administrators choose (system properties, see {@link #fromSystemProperties()}).
     *
     * @param defaultProject where files at the top of {@code incoming} go
     * @param createFolders make missing folders named by the path
     * @param createProjects make a missing project named by the path's first folder
     */
    public record Settings(String defaultProject, boolean createFolders, boolean createProjects) {
        public static final Settings DEFAULT = new Settings("Inbox", true, false);

        public Settings {
            if (defaultProject == null || defaultProject.isBlank() || defaultProject.length() > 200) {
                throw new IllegalArgumentException(
                        "the watched folder's default project needs a name of 1 to 200 characters");
            }
            defaultProject = defaultProject.strip();
        }

        /**
         * {@code framewise.watch.project} (default {@code Inbox}), {@code framewise.watch.createFolders}
         * (default true) and {@code framewise.watch.createProjects} (default false).
         */
        public static Settings fromSystemProperties() {
            return new Settings(
                    System.getProperty("framewise.watch.project", DEFAULT.defaultProject()),
                    flag("framewise.watch.createFolders", DEFAULT.createFolders()),
                    flag("framewise.watch.createProjects", DEFAULT.createProjects()));
        }

        private static boolean flag(String name, boolean fallback) {
            String v = System.getProperty(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
            };
        }
    }

    /** Thrown when a dropped file has no place and must be refused; the message says why. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final JooqFilingRepository repo;
    private final Settings settings;

    public WatchedFolderFiling(JooqFilingRepository repo, Settings settings) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Whose file a path under {@code users/} is (they become its uploader), else empty. */
    public Optional<String> ownerOf(List<String> dirs) {
        if (dirs.size() >= 2 && dirs.get(0).equals(USERS)) {
            return Optional.of(repo.userNamed(dirs.get(1).toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new Refused("there is no user named '" + dirs.get(1) + "'")));
        }
        return Optional.empty();
    }

    /**
     * Files the media item by the folders it was dropped in, inside the caller's unit of work;
     * answers the asset id, or null when there is nobody to own the default project yet (no
     * administrator): it then stays unfiled, and {@link UnfiledMedia} files it at a later start.
     *
     * @throws Refused when the path names a user who does not exist
     */
    public String file(String mediaId, String title, List<String> dirs) {
        if (dirs.size() >= 2 && dirs.get(0).equals(USERS)) {
            String owner = ownerOf(dirs).orElseThrow();
            String home = repo.ensureHome(owner);
            return repo.fileAsNewAsset(home, folders(home, dirs.subList(2, dirs.size())), title, owner, mediaId, false);
        }
        if (!dirs.isEmpty() && !dirs.get(0).equals(USERS)) {
            Optional<String> project = repo.sharedProjectNamed(dirs.get(0));
            if (project.isEmpty() && settings.createProjects()) {
                Optional<String> admin = repo.firstAdmin();
                if (admin.isPresent()) {
                    project = Optional.of(repo.createProject(dirs.get(0), admin.get()));
                }
            }
            if (project.isPresent()) {
                String createdBy = repo.creatorOf(project.get()).orElseThrow();
                String folder = folders(project.get(), dirs.subList(1, dirs.size()));
                return repo.fileAsNewAsset(project.get(), folder, title, createdBy, mediaId, false);
            }
        }
        Optional<String> project = repo.sharedProjectNamed(settings.defaultProject());
        if (project.isEmpty()) {
            Optional<String> admin = repo.firstAdmin();
            if (admin.isEmpty()) {
                return null;
            }
            project = Optional.of(repo.createProject(settings.defaultProject(), admin.get()));
        }
        String createdBy = repo.creatorOf(project.get()).orElseThrow();
        // A file whose project is missing keeps its whole path as folders in the default project.
        String folder = folders(project.get(), dirs);
        return repo.fileAsNewAsset(project.get(), folder, title, createdBy, mediaId, false);
    }

    /** The folder the names lead to (made when allowed), or the deepest that exists; null: the top. */
    private String folders(String projectId, List<String> names) {
        String at = null;
        for (String name : names) {
            String clean = name.strip();
            if (clean.isEmpty() || clean.length() > 200) {
                break;
            }
            Optional<String> next = repo.childFolder(projectId, at, clean, settings.createFolders());
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
        }
        return at;
    }
}
