-- Version 5: the retention. The messages not deleted, oldest first, for the purge; the legal holds and the
-- conversations' own periods need no table: each is its audit entry.
CREATE INDEX messages_created ON messages (created_at, id) WHERE deleted = 0;
