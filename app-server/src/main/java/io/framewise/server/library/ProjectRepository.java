package io.framewise.server.library;

import java.util.List;
import java.util.Optional;

/** Projects and their folder trees. */
public interface ProjectRepository {

    Project create(String name, String createdBy);

    Optional<Project> get(String id);

    /** All projects, oldest first. */
    List<Project> list();

    /** @return whether it existed; its folders and assets go with it */
    boolean delete(String id);

    /** Adds a folder at the end of its siblings. @param parentId {@code null} for the top level */
    Folder createFolder(String projectId, String parentId, String name);

    Optional<Folder> getFolder(String id);

    /** The folders directly under {@code parentId} ({@code null}: the top level), by position. */
    List<Folder> listFolders(String projectId, String parentId);

    /** Whether the project is someone's home ("My folders") rather than a shared project. */
    default boolean isHome(String projectId) {
        return false;
    }
}
