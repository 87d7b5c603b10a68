-- Nothing gets lost, and a useful first screen (issue 17). Same portability rules as V1.
--
-- An upload that names no target is filed at once as an asset in its uploader's home. Clients that
-- file it themselves right after the upload (older web and desktop clients, scripts that call
-- POST /api/assets with the media id) must still succeed: such an asset is marked provisional, and
-- filing its one media item elsewhere takes it out of the home instead of answering 409. Anything
-- done to the asset on purpose (a second version, a move) makes it an ordinary asset.
ALTER TABLE assets ADD COLUMN provisional BOOLEAN NOT NULL DEFAULT FALSE;

-- Where each person left each asset: the "Continue watching" row of their home page. One row per
-- person and asset, overwritten as the review page reports the playhead.
CREATE TABLE playback_positions (
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    asset_id   TEXT   NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    media_id   TEXT   NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    frame      BIGINT NOT NULL CHECK (frame >= 0),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, asset_id)
);

CREATE INDEX playback_positions_by_user ON playback_positions (user_id, updated_at);

-- Unfiled media from earlier versions are filed by a startup step (UnfiledMedia), not here: filing
-- needs the uploader's home project, made on first use with a random id, and portable SQL has no
-- way to make the random URL-safe ids the schema uses.
