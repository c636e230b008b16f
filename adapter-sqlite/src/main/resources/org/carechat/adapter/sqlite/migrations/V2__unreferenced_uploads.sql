-- Version 2: since when no message carries an upload (NULL while one does), which the deletion of unsent uploads
-- reads, longest unreferenced first. An upload of a version-1 file that no message carries counts as unreferenced
-- since its upload, as adapter-mongo's version 3 has it. One pass over the messages that carry a file (by index)
-- and one over the uploads.
ALTER TABLE attachments ADD COLUMN unreferenced_since INTEGER;
UPDATE attachments SET unreferenced_since = created_at WHERE id NOT IN (SELECT attachment_id FROM messages WHERE attachment_id IS NOT NULL);
CREATE INDEX attachments_unreferenced ON attachments (unreferenced_since, id) WHERE unreferenced_since IS NOT NULL;
