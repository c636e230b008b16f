-- Version 4: how far an urgent message nobody acknowledged has been followed up (NONE, REMINDED, ESCALATED; every
-- earlier message NONE), and an index of the urgent messages that may still be: the follow-up looks for them
-- every few seconds, by the time they were sent, without reading the others.
ALTER TABLE messages ADD COLUMN follow_up TEXT NOT NULL DEFAULT 'NONE';
CREATE INDEX messages_awaiting_acknowledgement ON messages (follow_up, created_at, id)
    WHERE priority = 'URGENT' AND deleted = 0 AND acknowledgements IS NULL AND follow_up <> 'ESCALATED';
