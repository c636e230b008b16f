package org.carechat.bootstrap.config;

import java.util.Locale;

/**
 * Every setting of the standalone server: its environment variable, the equivalent command-line flag,
 * its default and what it means. The README's configuration table lists exactly these (a test checks).
 */
public enum Option {
    PORT("CHAT_PORT", "8080", "TCP port of the one door: REST, WebSocket (/ws), /health and /metrics. 0 picks a free port."),
    HOST("CHAT_HOST", "0.0.0.0", "Address to listen on. With CHAT_DEMO and no CHAT_HOST given: 127.0.0.1 (this machine only)."),
    JWT_SECRET("CHAT_JWT_SECRET", null, "HS256 shared secret, at least 32 bytes. The server refuses to start with a shorter one."),
    JWT_PUBLIC_KEY("CHAT_JWT_PUBLIC_KEY", null, "RS256/ES256 public key: PEM text, or a path to a PEM file."),
    JWT_JWKS("CHAT_JWT_JWKS", null, "RS256/ES256 keys as a JWKS file path or http(s) URL (the key is chosen by kid)."),
    JWT_ALGORITHM("CHAT_JWT_ALGORITHM", null, "The one accepted algorithm: HS256, RS256 or ES256. Default: HS256 with a secret, RS256 with a key or JWKS."),
    JWT_ISSUER("CHAT_JWT_ISSUER", null, "Required `iss` of tokens, when set."),
    JWT_AUDIENCE("CHAT_JWT_AUDIENCE", null, "Required `aud` of tokens, when set."),
    JWT_SUBJECT_CLAIM("CHAT_JWT_SUBJECT_CLAIM", "sub", "Name of the claim that carries the user id: a string, or a whole number taken as its digits (`id` or `userId` in the tokens of many existing logins). A token without that claim is refused; there is no fallback to `sub`."),
    JWT_ROLE_CLAIM("CHAT_JWT_ROLE_CLAIM", "role", "Name of the claim that carries the role."),
    JWT_ROLE_MAP("CHAT_JWT_ROLE_MAP", "", "Comma-separated `tokenRole=carechatRole` pairs that rename the roles tokens carry to CareChat's before they are read, such as `mom=patient,service_provider=nurse`; a role not named passes through unchanged. Names ignore case; each target must be patient, admin, service or one of CHAT_CLINICIAN_ROLES. The directory's role still wins."),
    ALLOWED_ORIGINS("CHAT_ALLOWED_ORIGINS", "", "Comma-separated browser origins allowed on the WebSocket upgrade and by CORS (the server's own origin always is)."),
    STORE("CHAT_STORE", "embedded", "Where data lives: `embedded` (durable, one SQLite file `carechat.db` in CHAT_DATA_DIR, no setup, no network port), `mongo` (a MongoDB at CHAT_MONGO_URI) or `memory` (lost on exit)."),
    DATA_DIR("CHAT_DATA_DIR", "./data", "Directory of the embedded store's file (`carechat.db`, 0600; the directory is created 0700 when missing) and of the attachments."),
    ATTACHMENTS_DIR("CHAT_ATTACHMENTS_DIR", null, "Where attachment bytes are kept (embedded and mongo stores). Default: CHAT_DATA_DIR/attachments."),
    REDIS_URI("CHAT_REDIS_URI", null, "Runs this server as one node of a cluster: the Redis (`redis://host:6379`, `rediss://` for TLS) through which the nodes pass each other the events they deliver. Needs a store every node shares (CHAT_STORE=mongo); unset, the server is on its own."),
    REDIS_CHANNEL("CHAT_REDIS_CHANNEL", "carechat:events", "The Redis pub/sub channel of the cluster's events, and the prefix (with `:`) of its presence keys: one per cluster sharing a Redis."),
    CLUSTER_NODE_TTL("CHAT_CLUSTER_NODE_TTL", "15s", "In a cluster: how long a node that stopped answering (killed, cut off) still counts its users online; the others then take them offline and tell their contacts. The node refreshes its key every third of it."),
    MONGO_URI("CHAT_MONGO_URI", null, "MongoDB connection string, for CHAT_STORE=mongo (a replica set for majority writes)."),
    MONGO_DATABASE("CHAT_MONGO_DATABASE", "carechat", "MongoDB database name."),
    MONGO_WRITE_CONCERN("CHAT_MONGO_WRITE_CONCERN", "majority", "When MongoDB acknowledges a write: `majority` (with journal), `w1`, or a number of members."),
    MONGO_PEOPLE_CACHE_TTL("CHAT_MONGO_PEOPLE_CACHE_TTL", "10s", "How long a server answers who a person is and whether two people are in care from memory, for CHAT_STORE=mongo (its own changes at once; another server's within this time); `0` reads MongoDB every time."),
    STORE_TIMEOUT("CHAT_STORE_TIMEOUT", "3s", "How long a store operation may wait for the database before the request is answered UNAVAILABLE (503)."),
    EMBEDDED_DURABILITY("CHAT_EMBEDDED_DURABILITY", "synced", "Embedded store: `synced` (SQLite `synchronous=FULL`: an acknowledgement goes out once its transaction is on disk) or `written` (`synchronous=NORMAL`: survives a crash of the process, not a power loss)."),
    CLINICIAN_ROLES("CHAT_CLINICIAN_ROLES", "doctor,nurse,midwife", "Comma-separated role names that count as clinicians."),
    CLINICIAN_CONSULTS("CHAT_CLINICIAN_CONSULTS", "true", "Whether clinicians may converse with each other (care-team consults)."),
    MAX_FRAME_BYTES("CHAT_MAX_FRAME_BYTES", "65536", "Largest WebSocket frame; a larger one closes the socket with 1009."),
    MAX_BODY_BYTES("CHAT_MAX_BODY_BYTES", "65536", "Largest REST JSON body; larger answers 413."),
    JSON_MAX_DEPTH("CHAT_JSON_MAX_DEPTH", "64", "Deepest JSON nesting accepted."),
    MAX_TEXT_LENGTH("CHAT_MAX_TEXT_LENGTH", "4000", "Longest message text, in characters after trimming."),
    EDIT_WINDOW("CHAT_EDIT_WINDOW", "15m", "How long after sending a message its sender may edit it."),
    URGENT_NOTICE("CHAT_URGENT_NOTICE", "CareChat is not for emergencies. If this is an emergency, call your local emergency number now.", "What a patient is told each time they send a message marked urgent (REST: the CareChat-Notice header; WebSocket: `notice` in `message_sent`). One line of Latin-1 text."),
    URGENT_REMIND_AFTER("CHAT_URGENT_REMIND_AFTER", "5m", "How long an urgent message may wait for anyone's acknowledgement before its recipients are told again (`urgent_reminder`; a push to those with no open session)."),
    URGENT_ESCALATE_AFTER("CHAT_URGENT_ESCALATE_AFTER", "5m", "How long after its reminder was due an urgent message nobody acknowledged is handed on (never in the same look as the reminder) to the patient's care team, the clinicians in care with them who are not in the conversation (`urgent_escalated`; a push to those with no open session). Each step is audited; the steps are kept in the store, so a restart does not lose them."),
    MAX_ATTACHMENT_BYTES("CHAT_MAX_ATTACHMENT_BYTES", "52428800", "Largest attachment (50 MiB); larger answers 413."),
    ATTACHMENT_QUOTA_BYTES("CHAT_ATTACHMENT_QUOTA_BYTES", "1073741824", "Most bytes of attachments one user may have stored (1 GiB), sent or not; an upload past it answers 413."),
    UNREFERENCED_ATTACHMENT_TTL("CHAT_UNREFERENCED_ATTACHMENT_TTL", "24h", "How long an upload that no message carries is kept (since its upload, or since the message carrying it was deleted); then it is deleted, with an audit entry."),
    PAGE_LIMIT("CHAT_PAGE_LIMIT", "100", "Most items one page of history, conversations or search returns."),
    RATE_PER_SECOND("CHAT_RATE_PER_SECOND", "20", "Requests per second one patient or clinician may make, sustained: WebSocket frames and REST requests of all their devices together. Over it: `RATE_LIMITED` / 429 with Retry-After."),
    RATE_BURST("CHAT_RATE_BURST", "40", "Requests one patient or clinician may make in a burst (same budget as CHAT_RATE_PER_SECOND)."),
    ADMIN_RATE_PER_SECOND("CHAT_ADMIN_RATE_PER_SECOND", "200", "Requests per second one administrator or service may make, sustained (bulk seeding of the directory and relationships)."),
    ADMIN_RATE_BURST("CHAT_ADMIN_RATE_BURST", "400", "Requests one administrator or service may make in a burst."),
    OUTBOUND_QUEUE("CHAT_OUTBOUND_QUEUE", "1024", "Frames queued for one socket before it counts as too slow and is closed with 1013."),
    MAX_SOCKETS_PER_USER("CHAT_MAX_SOCKETS_PER_USER", "10", "WebSocket sockets one user may have open at once (devices, tabs); one more is refused at the upgrade with 429."),
    MAX_SOCKETS("CHAT_MAX_SOCKETS", "50000", "WebSocket sockets open at once on this server; one more is refused at the upgrade with 503. Each takes about 6 KiB of heap when idle and a file descriptor: keep it below what both allow."),
    PING_INTERVAL("CHAT_PING_INTERVAL", "30s", "Idle time after which the server pings a socket."),
    IDLE_TIMEOUT("CHAT_IDLE_TIMEOUT", "75s", "Silence after which the server closes a socket."),
    TYPING_TTL("CHAT_TYPING_TTL", "6s", "How long a typing indicator lasts without renewal."),
    RING_TIMEOUT("CHAT_RING_TIMEOUT", "45s", "How long a call rings before it ends as missed."),
    CALL_DISCONNECT_GRACE("CHAT_CALL_DISCONNECT_GRACE", "30s", "How long an answered call goes on while neither party has an open socket; then it ends (`disconnected`)."),
    CALL_MAX_DURATION("CHAT_CALL_MAX_DURATION", "4h", "The longest an answered call may last; then it ends (`max_duration`)."),
    PUSH_WEBHOOK_URL("CHAT_PUSH_WEBHOOK_URL", null, "Where the server tells the clinic's push relay of a new message for someone with no open socket (unset: no push). An HTTPS URL (http only to this machine's loopback); each notice is a POST of ids only (recipient, conversation, message, priority), never content or names, signed with CHAT_PUSH_WEBHOOK_SECRET. See docs/operations.md."),
    PUSH_WEBHOOK_SECRET("CHAT_PUSH_WEBHOOK_SECRET", null, "The HMAC-SHA256 key the push notices are signed with (`X-CareChat-Signature`), at least 32 bytes; required with CHAT_PUSH_WEBHOOK_URL."),
    PUSH_WEBHOOK_ATTEMPTS("CHAT_PUSH_WEBHOOK_ATTEMPTS", "6", "How many times a push notice is sent before it is given up, when the relay answers 5xx, 408 or 429 or does not answer; the wait doubles from 1 s between attempts."),
    BREAK_GLASS_DURATION("CHAT_BREAK_GLASS_DURATION", "1h", "How long break-glass access lasts: a clinician without a care relationship who states a reason (POST /api/chat/break-glass) reads that patient's conversations, read-only, for this long; audited with the reason, listed at GET /api/admin/break-glass."),
    BREAK_GLASS_ANNOUNCE("CHAT_BREAK_GLASS_ANNOUNCE", "true", "Whether the patient's care team (the clinicians in care with them now) get a `break_glass_opened` event, with who, why and until when, when someone opens break-glass access to that patient."),
    RETENTION("CHAT_RETENTION", "off", "How long messages and the files they carry are kept before the retention purges them (a tombstone and the audit stay): `off` keeps them forever; otherwise whole days such as `3650d` (never minutes or hours). A conversation may have its own (PUT /api/admin/conversations/{id}/retention); a legal hold (POST /api/admin/legal-holds) suspends the purge."),
    AUDIT_RETENTION("CHAT_AUDIT_RETENTION", "2192d", "How long audit entries are kept, in whole days of at least `365d`: six years by default (HIPAA documentation retention), `off` keeps them forever; the records of legal holds and retention periods are always kept."),
    ICE_SERVERS("CHAT_ICE_SERVERS", "[]", "STUN/TURN servers for the WebRTC of calls, handed to signed-in clients (GET /api/chat/client-settings): a JSON array of RTCIceServers, such as `[{\"urls\": \"stun:stun.example.org:3478\"}, {\"urls\": [\"turn:turn.example.org:3478?transport=udp\"], \"username\": \"u\", \"credential\": \"c\"}]`. None is needed on one machine or a LAN; across networks a TURN server relays what a direct path cannot carry."),
    SOCKETIO_DIALECT("CHAT_SOCKETIO_DIALECT", "carechat", "Which events the Socket.IO door (/socket.io/) speaks: `carechat` (CareChat's own, as on /ws), or the events of a seed back end CareChat replaces, so its socket.io-client front end works as it is (given `transports: ['websocket']`): `websocket-chat` (000), `patient-chat` (001), `chat-implementation` (003) or `mommycare` (004); the seed's number works too. docs/socketio-dialects.md maps each. /ws always speaks CareChat's."),
    WEB_IDLE_SIGNOUT("CHAT_WEB_IDLE_SIGNOUT", "15m", "How long a web client may sit idle before it signs itself out (told to it by GET /api/chat/client-settings); `0` never."),
    WORKER_THREADS("CHAT_WORKER_THREADS", "auto", "Threads that handle requests, and WebSocket frames with the embedded or mongo store, each of which may wait for the store: `auto` is 64 with the embedded or mongo store (the more writes wait together, the more each commit carries) and the HTTP server's own default (2 per core) with memory, where frames run on the thread that read them; or a number."),
    SHUTDOWN_GRACE("CHAT_SHUTDOWN_GRACE", "10s", "On SIGTERM, how long accepted requests may take to finish."),
    WARMUP("CHAT_WARMUP", "0s", "Before it opens its port, how long to send messages through a throwaway in-memory server of the same JVM (WebSocket and REST) so that the first users meet compiled code, not the interpreter; `0s` starts at once. Delays start-up by that long, plus about a second to start the throwaway server."),
    METRICS_TOKEN("CHAT_METRICS_TOKEN", null, "When set, GET /metrics requires `Authorization: Bearer <token>`."),
    DEMO("CHAT_DEMO", "false", "Demo mode: seeds patients, clinicians and care relationships and prints ready-to-use tokens.");

    private final String env;
    private final String defaultValue;
    private final String description;

    Option(String env, String defaultValue, String description) {
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String env() {
        return env;
    }

    /** The command-line form: {@code CHAT_JWT_SECRET} is {@code --jwt-secret}. */
    public String flag() {
        return "--" + env.substring("CHAT_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The default as text, or null when the option has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        // a TURN credential may sit in the ICE servers
        return this == JWT_SECRET || this == METRICS_TOKEN || this == MONGO_URI || this == ICE_SERVERS
                || this == PUSH_WEBHOOK_SECRET || this == PUSH_WEBHOOK_URL;
    }
}
