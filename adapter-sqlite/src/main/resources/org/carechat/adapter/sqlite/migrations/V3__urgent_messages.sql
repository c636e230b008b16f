-- Version 3: a message's priority (ROUTINE or URGENT; every earlier message is routine) and, for an urgent one,
-- who acknowledged it and when, as JSON [[userId, epochMillis], ...] (NULL when no one has).
ALTER TABLE messages ADD COLUMN priority TEXT NOT NULL DEFAULT 'ROUTINE';
ALTER TABLE messages ADD COLUMN acknowledgements TEXT;
