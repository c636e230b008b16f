-- CareChat's data, version 1. Instants are whole milliseconds since the epoch (UTC), as adapter-mongo keeps them.
-- Each statement ends with a semicolon at the end of its line (that is how Migrations splits a script).

-- A conversation and the place of its last message; its participants' cursors are rows of their own.
-- direct_key, the two participants in a fixed order, makes a direct conversation unique per pair.
CREATE TABLE conversations (
    id         TEXT    NOT NULL PRIMARY KEY,
    direct_key TEXT,
    last_seq   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX conversations_direct_pair ON conversations (direct_key) WHERE direct_key IS NOT NULL;

CREATE TABLE participants (
    conversation_id TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    user_id         TEXT    NOT NULL,
    delivered_seq   INTEGER NOT NULL,
    read_seq        INTEGER NOT NULL,
    muted           INTEGER NOT NULL,
    pinned          INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, position)
) WITHOUT ROWID;
-- a user's conversation list
CREATE UNIQUE INDEX participants_user ON participants (user_id, conversation_id);

-- A message at its place (conversation_id, seq). content_lower is the content in lower case (Locale.ROOT), which
-- search compares; reactions are JSON, each emoji followed by who reacted: [["👍","d1","p1"]].
CREATE TABLE messages (
    id                    TEXT    NOT NULL,
    conversation_id       TEXT    NOT NULL,
    seq                   INTEGER NOT NULL,
    sender_id             TEXT    NOT NULL,
    type                  TEXT    NOT NULL,
    content               TEXT,
    content_lower         TEXT,
    attachment_id         TEXT,
    attachment_name       TEXT,
    attachment_mime_type  TEXT,
    attachment_size       INTEGER,
    reply_to              TEXT,
    client_message_id     TEXT,
    created_at            INTEGER NOT NULL,
    edited_at             INTEGER,
    deleted               INTEGER NOT NULL,
    reactions             TEXT,
    call_id               TEXT,
    call_media            TEXT,
    call_outcome          TEXT,
    call_duration_seconds INTEGER
);
-- one message per place; history pages and the end of a conversation are ranges of it
CREATE UNIQUE INDEX messages_place ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_id ON messages (id);
-- idempotent sends: one message per sender and client message id, across conversations
CREATE UNIQUE INDEX messages_client_message_id ON messages (sender_id, client_message_id) WHERE client_message_id IS NOT NULL;
-- who may download a file
CREATE INDEX messages_attachment ON messages (attachment_id) WHERE attachment_id IS NOT NULL;
-- messages of a type (call history), newest first
CREATE INDEX messages_type ON messages (conversation_id, type, seq);

CREATE TABLE care_relationships (
    patient        TEXT    NOT NULL,
    clinician      TEXT    NOT NULL,
    appointment_id TEXT,
    valid_from     INTEGER NOT NULL,
    valid_until    INTEGER,
    revoked_at     INTEGER,
    PRIMARY KEY (patient, clinician)
) WITHOUT ROWID;
-- a clinician's patients
CREATE INDEX care_relationships_clinician ON care_relationships (clinician, patient);

CREATE TABLE directory (
    id        TEXT NOT NULL PRIMARY KEY,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL,
    role_kind TEXT NOT NULL,
    specialty TEXT
) WITHOUT ROWID;

-- An upload's metadata; its bytes are files elsewhere.
CREATE TABLE attachments (
    id         TEXT    NOT NULL PRIMARY KEY,
    uploader   TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    mime_type  TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
-- the bytes a user stores (the quota), summed from the index alone
CREATE INDEX attachments_uploader ON attachments (uploader, size);

-- The audit trail, append-only. targets keeps the entry's targets in order (JSON); audit_targets holds one row
-- per target, so that the trail is read by target in the order of time.
CREATE TABLE audit_entries (
    id      TEXT    NOT NULL PRIMARY KEY,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    targets TEXT    NOT NULL,
    at      INTEGER NOT NULL,
    outcome TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX audit_entries_actor_at ON audit_entries (actor, at, id);
CREATE INDEX audit_entries_at ON audit_entries (at, id);
CREATE TABLE audit_targets (
    target   TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    entry_id TEXT    NOT NULL,
    PRIMARY KEY (target, at, entry_id)
) WITHOUT ROWID;

-- One row that the health probe rewrites: a probe that answers yes has just committed a write.
CREATE TABLE store_probe (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    answered_at INTEGER NOT NULL
);
INSERT INTO store_probe (id, answered_at) VALUES (1, 0);
