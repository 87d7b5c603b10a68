package io.framewise.server.filing;

import io.framewise.server.db.UnitOfWork;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the media items earlier versions left in no folder: each into its uploader's home, and
 * those nobody uploaded (the watched folder's, from before it knew places) into the watched
 * folder's default project. Runs at every start before uploads are taken; after the first run it
 * finds nothing, since every way in now files what it takes.
 *
 * <p>A startup step rather than SQL in migration V17: filing may have to make a home project first,
 * and its id is a random URL-safe id that portable SQL cannot make (see ADR 0049).
 */
public final class UnfiledMedia {

    private static final Logger LOG = LoggerFactory.getLogger(UnfiledMedia.class);

    private final JooqFilingRepository repo;
    private final WatchedFolderFiling watched;
    private final UnitOfWork work;

    public UnfiledMedia(JooqFilingRepository repo, WatchedFolderFiling watched, UnitOfWork work) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.watched = Objects.requireNonNull(watched, "watched");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** @return how many media items were filed */
    public int fileAll() {
        List<JooqFilingRepository.Unfiled> unfiled = repo.unfiled();
        int filed = 0;
        for (JooqFilingRepository.Unfiled m : unfiled) {
            String title = FilingService.titleOf(m.name());
            try {
                String asset = work.inTransaction(() -> m.uploaderId() != null
                        ? repo.fileAsNewAsset(
                                repo.ensureHome(m.uploaderId()), null, title, m.uploaderId(), m.mediaId(), false)
                        : watched.file(m.mediaId(), title, List.of()));
                if (asset != null) {
                    filed++;
                }
            } catch (RuntimeException e) {
                // One item that cannot be filed (filed meanwhile, say) must not keep the server down.
                LOG.warn("Could not file media {} '{}': {}", m.mediaId(), m.name(), e.toString());
            }
        }
        if (filed > 0) {
            LOG.info("Filed {} media item(s) that were in no folder", filed);
        }
        return filed;
    }
}
