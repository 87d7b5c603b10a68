-- A media item is a version of at most one asset (ADR 0024). Access to a media item follows the
-- one project it is filed in; while it could sit in several assets, filing someone else's media
-- into one's own home project gave a role on it there (and with it the right to delete it).
--
-- Existing libraries may already hold a media item in several versions (filed twice by a client,
-- or by that very attack). For each such media item the earliest version row is kept (oldest
-- created_at, then smallest id): it is the original filing, and a later copy is the one an attacker
-- would have made. The later rows go, with their approval decisions. Nothing else is lost: notes,
-- drawings and renditions belong to the media item, not to a version, and stay with the version
-- that is kept. Assets that lose their only version are kept (empty, as after deleting a version's
-- media), so their titles, folders, tags and metadata survive for their owners to tidy up.
-- Approvals are deleted explicitly so the result does not depend on foreign-key enforcement.

DELETE FROM approvals
WHERE version_id IN (
    SELECT later.id
    FROM asset_versions later
    WHERE EXISTS (
        SELECT 1
        FROM asset_versions earlier
        WHERE earlier.media_id = later.media_id
          AND (earlier.created_at < later.created_at
               OR (earlier.created_at = later.created_at AND earlier.id < later.id))));

DELETE FROM asset_versions
WHERE EXISTS (
    SELECT 1
    FROM asset_versions earlier
    WHERE earlier.media_id = asset_versions.media_id
      AND (earlier.created_at < asset_versions.created_at
           OR (earlier.created_at = asset_versions.created_at AND earlier.id < asset_versions.id)));

-- The unique index replaces the plain one on the same column (it serves the same lookups).
DROP INDEX asset_versions_by_media;
CREATE UNIQUE INDEX asset_versions_one_per_media ON asset_versions (media_id);
