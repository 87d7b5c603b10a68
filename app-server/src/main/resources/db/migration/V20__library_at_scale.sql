-- The library at scale: indexes the listings need once there are thousands of media items and
-- hundreds of people.

-- "What may I see" starts from a person's memberships and their own unfiled uploads
-- (media.MediaScope): without these, both ends of the query read every row.
CREATE INDEX media_items_by_uploader ON media_items (uploaded_by);
CREATE INDEX project_members_by_user_project ON project_members (user_id, project_id, role);
DROP INDEX project_members_by_user;
