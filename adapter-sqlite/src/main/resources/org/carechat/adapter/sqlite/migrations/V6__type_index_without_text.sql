-- Version 6: messages are looked up by type for calls (and files, images, ...), and text messages are the bulk of a
-- conversation: the index by type leaves them out, so a text message writes one index fewer. Text messages of a
-- conversation, newest first, are read along messages_place.
DROP INDEX messages_type;
CREATE INDEX messages_type ON messages (conversation_id, type, seq) WHERE type <> 'TEXT';
