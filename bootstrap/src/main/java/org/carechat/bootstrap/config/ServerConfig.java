package org.carechat.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carechat.adapter.websocket.SocketIoDialect;
import java.util.TreeSet;
import org.carechat.adapter.rest.IceServer;
import org.carechat.adapter.webhook.WebhookPushNotifications;
import org.carechat.domain.retention.RetentionPolicy;
import org.carechat.domain.user.Roles;

/**
 * The server's whole configuration, read once at start from environment variables and command-line flags
 * (a flag wins over its variable), validated, and immutable afterwards. Nothing else in CareChat reads the
 * environment. Secrets never appear in {@link #toString()}.
 */
public record ServerConfig(
        int port,
        String host,
        String jwtSecret,
        String jwtPublicKey,
        String jwtJwks,
        String jwtAlgorithm,
        String jwtIssuer,
        String jwtAudience,
        String jwtSubjectClaim,
        String jwtRoleClaim,
        Map<String, String> jwtRoleMap,
        Set<String> allowedOrigins,
        String store,
        Path dataDir,
        Path attachmentsDir,
        String redisUri,
        String redisChannel,
        Duration clusterNodeTtl,
        String mongoUri,
        String mongoDatabase,
        String mongoWriteConcern,
        Duration mongoPeopleCacheTtl,
        Duration storeTimeout,
        String embeddedDurability,
        Set<String> clinicianRoles,
        boolean clinicianConsults,
        int maxFrameBytes,
        long maxBodyBytes,
        int jsonMaxDepth,
        int maxTextLength,
        Duration editWindow,
        String urgentNotice,
        Duration urgentRemindAfter,
        Duration urgentEscalateAfter,
        long maxAttachmentBytes,
        long attachmentQuotaBytes,
        Duration unreferencedAttachmentTtl,
        int pageLimit,
        int ratePerSecond,
        int rateBurst,
        int adminRatePerSecond,
        int adminRateBurst,
        int outboundQueue,
        int maxSocketsPerUser,
        int maxSockets,
        Duration pingInterval,
        Duration idleTimeout,
        Duration typingTtl,
        Duration ringTimeout,
        Duration callDisconnectGrace,
        Duration callMaxDuration,
        String pushWebhookUrl,
        String pushWebhookSecret,
        int pushWebhookAttempts,
        Duration breakGlassDuration,
        boolean breakGlassAnnounce,
        Duration retention,
        Duration auditRetention,
        List<IceServer> iceServers,
        Duration webIdleSignOut,
        SocketIoDialect socketIoDialect,
        int workerThreads,
        Duration shutdownGrace,
        Duration warmup,
        String metricsToken,
        boolean demo) {

    /** Worker threads when the store makes requests wait (embedded, mongo) and {@code CHAT_WORKER_THREADS} is {@code auto}. */
    public static final int WORKER_THREADS_FOR_A_DURABLE_STORE = 64;

    /** The worker threads to run, or 0 for the HTTP server's own default. */
    public int effectiveWorkerThreads() {
        if (workerThreads > 0) {
            return workerThreads;
        }
        return "memory".equals(store) ? 0 : WORKER_THREADS_FOR_A_DURABLE_STORE;
    }

    /**
     * Whether the store answers without waiting (the memory store): then a WebSocket frame runs where Grizzly read
     * it, on its selector thread, instead of being handed to a worker thread; a store that waits for a disk or a
     * database keeps frames on the workers, so that no selector waits.
     */
    public boolean storeNeverWaits() {
        return "memory".equals(store);
    }

    /** The longest warm-up before listening: it delays start-up by as much. */
    public static final Duration MAX_WARMUP = Duration.ofMinutes(2);

    public static final Set<String> STORES = Set.of("embedded", "mongo", "memory");
    public static final Set<String> DURABILITIES = Set.of("synced", "written");
    /** Where demo mode listens when no host is given: the loopback interface only. */
    public static final String DEMO_HOST = "127.0.0.1";

    public ServerConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        jwtRoleMap = Collections.unmodifiableMap(new LinkedHashMap<>(jwtRoleMap));
        clinicianRoles = Set.copyOf(clinicianRoles);
        iceServers = List.copyOf(iceServers);
    }

    /** Reads the configuration: each option from its flag if given, else its environment variable, else its default. */
    public static ServerConfig load(Map<String, String> environment, List<String> arguments) {
        ServerConfig config = read(environment, arguments);
        config.requireTokenKey();
        return config;
    }

    /**
     * The configuration for an operation that serves nobody ({@code migrate}, {@code backup}): the same options,
     * without the token key that only serving needs.
     */
    public static ServerConfig loadForOperations(Map<String, String> environment, List<String> arguments) {
        return read(environment, arguments);
    }

    private static ServerConfig read(Map<String, String> environment, List<String> arguments) {
        Map<Option, String> values = new EnumMap<>(Option.class);
        for (Option option : Option.values()) {
            String fromEnv = environment.get(option.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(option, fromEnv.strip());
            }
        }
        values.putAll(Flags.parse(arguments));
        return from(values);
    }

    /** The defaults, changed by {@code overrides}: handy for tests and embedders. */
    public static ServerConfig defaults(Map<Option, String> overrides) {
        Map<Option, String> values = new EnumMap<>(Option.class);
        values.putAll(overrides);
        ServerConfig config = from(values);
        config.requireTokenKey();
        return config;
    }

    private static ServerConfig from(Map<Option, String> given) {
        Values v = new Values(given);
        boolean demo = v.bool(Option.DEMO);
        ServerConfig config = new ServerConfig(
                v.integer(Option.PORT, 0, 65535),
                // a demo prints working tokens for seeded people: it stays on this machine unless a host is given
                v.isGiven(Option.HOST) || !demo ? v.text(Option.HOST) : DEMO_HOST,
                v.text(Option.JWT_SECRET),
                v.text(Option.JWT_PUBLIC_KEY),
                v.text(Option.JWT_JWKS),
                v.text(Option.JWT_ALGORITHM),
                v.text(Option.JWT_ISSUER),
                v.text(Option.JWT_AUDIENCE),
                v.text(Option.JWT_SUBJECT_CLAIM),
                v.text(Option.JWT_ROLE_CLAIM),
                v.roleMap(Option.JWT_ROLE_MAP),
                v.list(Option.ALLOWED_ORIGINS),
                v.choice(Option.STORE, STORES),
                Path.of(v.text(Option.DATA_DIR)),
                v.text(Option.ATTACHMENTS_DIR) != null ? Path.of(v.text(Option.ATTACHMENTS_DIR))
                        : Path.of(v.text(Option.DATA_DIR)).resolve("attachments"),
                v.text(Option.REDIS_URI),
                v.text(Option.REDIS_CHANNEL),
                v.duration(Option.CLUSTER_NODE_TTL),
                v.text(Option.MONGO_URI),
                v.text(Option.MONGO_DATABASE),
                v.text(Option.MONGO_WRITE_CONCERN),
                v.durationOrZero(Option.MONGO_PEOPLE_CACHE_TTL),
                v.duration(Option.STORE_TIMEOUT),
                v.choice(Option.EMBEDDED_DURABILITY, DURABILITIES),
                v.list(Option.CLINICIAN_ROLES),
                v.bool(Option.CLINICIAN_CONSULTS),
                v.integer(Option.MAX_FRAME_BYTES, 1024, 16 * 1024 * 1024),
                v.integer(Option.MAX_BODY_BYTES, 1024, 64 * 1024 * 1024),
                v.integer(Option.JSON_MAX_DEPTH, 2, 1000),
                v.integer(Option.MAX_TEXT_LENGTH, 1, 1_000_000),
                v.duration(Option.EDIT_WINDOW),
                v.text(Option.URGENT_NOTICE),
                v.duration(Option.URGENT_REMIND_AFTER),
                v.duration(Option.URGENT_ESCALATE_AFTER),
                v.longInteger(Option.MAX_ATTACHMENT_BYTES, 1, Long.MAX_VALUE),
                v.longInteger(Option.ATTACHMENT_QUOTA_BYTES, 1, Long.MAX_VALUE),
                v.duration(Option.UNREFERENCED_ATTACHMENT_TTL),
                v.integer(Option.PAGE_LIMIT, 1, 10_000),
                v.integer(Option.RATE_PER_SECOND, 1, 1_000_000),
                v.integer(Option.RATE_BURST, 1, 1_000_000),
                v.integer(Option.ADMIN_RATE_PER_SECOND, 1, 1_000_000),
                v.integer(Option.ADMIN_RATE_BURST, 1, 1_000_000),
                v.integer(Option.OUTBOUND_QUEUE, 1, 1_000_000),
                v.integer(Option.MAX_SOCKETS_PER_USER, 1, 1_000_000),
                v.integer(Option.MAX_SOCKETS, 1, 10_000_000),
                v.duration(Option.PING_INTERVAL),
                v.duration(Option.IDLE_TIMEOUT),
                v.duration(Option.TYPING_TTL),
                v.duration(Option.RING_TIMEOUT),
                v.duration(Option.CALL_DISCONNECT_GRACE),
                v.duration(Option.CALL_MAX_DURATION),
                v.text(Option.PUSH_WEBHOOK_URL),
                v.text(Option.PUSH_WEBHOOK_SECRET),
                v.integer(Option.PUSH_WEBHOOK_ATTEMPTS, 1, 100),
                v.duration(Option.BREAK_GLASS_DURATION),
                v.bool(Option.BREAK_GLASS_ANNOUNCE),
                v.retention(Option.RETENTION, 1),
                v.retention(Option.AUDIT_RETENTION, RetentionPolicy.MIN_AUDIT.toDays()),
                v.iceServers(Option.ICE_SERVERS),
                v.durationOrZero(Option.WEB_IDLE_SIGNOUT),
                v.socketIoDialect(Option.SOCKETIO_DIALECT),
                "auto".equals(v.text(Option.WORKER_THREADS).strip()) ? 0 : v.integer(Option.WORKER_THREADS, 1, 4096),
                v.duration(Option.SHUTDOWN_GRACE),
                v.durationOrZero(Option.WARMUP),
                v.text(Option.METRICS_TOKEN),
                demo);
        config.validate();
        return config;
    }

    /** Whether this server is one node of a cluster (CHAT_REDIS_URI). */
    public boolean clustered() {
        return redisUri != null;
    }

    private void validate() {
        if (redisUri != null && !"mongo".equals(store)) {
            throw new ConfigException("CHAT_REDIS_URI makes this server one node of a cluster, and every node must see the"
                    + " same data: use a store they share, CHAT_STORE=mongo (CHAT_STORE=" + store + " is "
                    + ("memory".equals(store) ? "this process's memory" : "a file of this machine") + ")");
        }
        if (redisUri != null && redisChannel.isBlank()) {
            throw new ConfigException("CHAT_REDIS_CHANNEL must not be blank");
        }
        if (clusterNodeTtl.toMillis() < 300) {
            throw new ConfigException("CHAT_CLUSTER_NODE_TTL must be at least 300 ms, got " + clusterNodeTtl);
        }
        if (warmup.compareTo(MAX_WARMUP) > 0) {
            throw new ConfigException("CHAT_WARMUP must be at most " + MAX_WARMUP.toMinutes() + " min, got " + warmup);
        }
        int keySources = (jwtSecret != null ? 1 : 0) + (jwtPublicKey != null ? 1 : 0) + (jwtJwks != null ? 1 : 0);
        if (keySources > 1) {
            throw new ConfigException("give only one of CHAT_JWT_SECRET, CHAT_JWT_PUBLIC_KEY and CHAT_JWT_JWKS");
        }
        if (jwtSubjectClaim.equals(jwtRoleClaim)) {
            throw new ConfigException("CHAT_JWT_SUBJECT_CLAIM and CHAT_JWT_ROLE_CLAIM must name different claims; both are '"
                    + jwtRoleClaim + "'");
        }
        requireKnownTargets();
        if ("mongo".equals(store) && mongoUri == null) {
            throw new ConfigException("CHAT_STORE=mongo needs CHAT_MONGO_URI (for example mongodb://db1,db2,db3/?replicaSet=rs0)");
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new ConfigException("CHAT_IDLE_TIMEOUT must be longer than CHAT_PING_INTERVAL");
        }
        if (urgentNotice.isBlank() || !urgentNotice.chars().allMatch(c -> c >= 0x20 && c <= 0xFF && c != 0x7F)) {
            // it travels in an HTTP header (CareChat-Notice): one line of Latin-1
            throw new ConfigException("CHAT_URGENT_NOTICE must be one line of Latin-1 text (it is sent as an HTTP header)");
        }
        if (pushWebhookUrl != null) {
            java.net.URI url;
            try {
                url = new java.net.URI(pushWebhookUrl.strip());
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException("CHAT_PUSH_WEBHOOK_URL is not a URL");
            }
            try {
                WebhookPushNotifications.validate(url, pushWebhookSecret);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("CHAT_PUSH_WEBHOOK_URL, CHAT_PUSH_WEBHOOK_SECRET: " + e.getMessage());
            }
        } else if (pushWebhookSecret != null) {
            throw new ConfigException("CHAT_PUSH_WEBHOOK_SECRET is set without CHAT_PUSH_WEBHOOK_URL");
        }
    }

    /** Every role the role map renames to is one CareChat knows: patient, admin, service or a clinician role. */
    private void requireKnownTargets() {
        if (jwtRoleMap.isEmpty()) {
            return;
        }
        Roles roles;
        try {
            roles = Roles.withClinicians(clinicianRoles);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_CLINICIAN_ROLES: " + e.getMessage());
        }
        jwtRoleMap.forEach((tokenRole, carechatRole) -> {
            if (roles.named(carechatRole).isEmpty()) {
                Set<String> clinicians = new TreeSet<>();
                roles.names().stream().filter(name -> roles.named(name).orElseThrow().isClinician()).forEach(clinicians::add);
                throw new ConfigException("CHAT_JWT_ROLE_MAP maps '" + tokenRole + "' to '" + carechatRole
                        + "', which is not a CareChat role; the roles are patient, admin, service and the clinician roles "
                        + "of CHAT_CLINICIAN_ROLES (" + String.join(", ", clinicians) + ")");
            }
        });
    }

    /** A server checks tokens: it needs a key to check them with, unless the demo makes one up. */
    private void requireTokenKey() {
        if (jwtSecret == null && jwtPublicKey == null && jwtJwks == null && !demo) {
            throw new ConfigException("no token key: set CHAT_JWT_SECRET (HS256, at least 32 bytes), CHAT_JWT_PUBLIC_KEY "
                    + "or CHAT_JWT_JWKS, or start with --demo for a first run");
        }
    }

    /** A one-line summary for the start-up log, without secrets. */
    public String describe() {
        return "port=" + port + ", store=" + store + ", dataDir=" + dataDir + ", origins=" + allowedOrigins
                + ", jwt=" + (jwtSecret != null ? "HS256 secret" : jwtPublicKey != null ? "public key" : jwtJwks != null ? "JWKS" : "demo")
                + (demo ? ", demo" : "");
    }

    @Override
    public String toString() {
        return "ServerConfig[" + describe() + ", secrets redacted]";
    }

    /** Typed reading of option values, each refusal naming the option. */
    private static final class Values {
        private final Map<Option, String> given;

        Values(Map<Option, String> given) {
            this.given = given;
        }

        /** Whether the option was given a value (not blank) by a variable or a flag. */
        boolean isGiven(Option option) {
            String value = given.get(option);
            return value != null && !value.isBlank();
        }

        /** The given value, or the default when the option is absent or blank ({@code CHAT_X=} means unset). */
        String text(Option option) {
            String value = given.get(option);
            return value != null && !value.isBlank() ? value.strip() : option.defaultValue();
        }

        int integer(Option option, int min, int max) {
            return (int) longInteger(option, min, max);
        }

        long longInteger(Option option, long min, long max) {
            String value = text(option);
            try {
                long parsed = Long.parseLong(value.replace("_", ""));
                if (parsed < min || parsed > max) {
                    throw new ConfigException(option.env() + " must be between " + min + " and " + max + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(option.env() + " must be a whole number, got '" + shown(option, value) + "'");
            }
        }

        boolean bool(Option option) {
            String value = text(option).toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("yes") || value.equals("1")) {
                return true;
            }
            if (value.equals("false") || value.equals("no") || value.equals("0")) {
                return false;
            }
            throw new ConfigException(option.env() + " must be true or false, got '" + value + "'");
        }

        SocketIoDialect socketIoDialect(Option option) {
            try {
                return SocketIoDialect.parse(text(option));
            } catch (IllegalArgumentException unknown) {
                throw new ConfigException(option.env() + ": " + unknown.getMessage());
            }
        }

        String choice(Option option, Set<String> allowed) {
            String value = text(option).toLowerCase(Locale.ROOT);
            if (!allowed.contains(value)) {
                throw new ConfigException(option.env() + " must be one of " + allowed + ", got '" + value + "'");
            }
            return value;
        }

        Set<String> list(Option option) {
            Set<String> items = new LinkedHashSet<>();
            for (String item : text(option).split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }

        /**
         * Comma-separated {@code tokenRole=carechatRole} pairs, names lower-cased (roles ignore case, so
         * {@code Mom} and {@code mom} are one key); blank items between commas are skipped.
         */
        Map<String, String> roleMap(Option option) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String item : text(option).split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                String[] sides = item.split("=", -1);
                if (sides.length != 2) {
                    throw new ConfigException(option.env() + ": '" + item.strip()
                            + "' is not a pair tokenRole=carechatRole (as in mom=patient,service_provider=nurse)");
                }
                String tokenRole = sides[0].strip().toLowerCase(Locale.ROOT);
                String carechatRole = sides[1].strip().toLowerCase(Locale.ROOT);
                if (tokenRole.isEmpty() || carechatRole.isEmpty()) {
                    throw new ConfigException(option.env() + ": '" + item.strip()
                            + "' has an empty side; write tokenRole=carechatRole");
                }
                if (pairs.putIfAbsent(tokenRole, carechatRole) != null) {
                    throw new ConfigException(option.env() + " maps '" + tokenRole
                            + "' twice (role names ignore case); give each token role once");
                }
            }
            return pairs;
        }

        /** {@code 45s}, {@code 15m}, {@code 500ms}, {@code 2h}, or ISO-8601 ({@code PT45S}). */
        /** As {@link #duration}, where {@code 0} (no unit needed) turns the thing off. */
        Duration durationOrZero(Option option) {
            String value = text(option).strip();
            return value.equals("0") || value.matches("0+(ms|s|m|h)") ? Duration.ZERO : duration(option);
        }

        /** A retention period: {@code off} (kept forever: null), whole days such as {@code 2192d}, or a duration. */
        /**
         * {@code off} (null), or whole days ({@code 3650d}) of at least {@code minDays}, as {@link RetentionPolicy}
         * requires: refused here with the option's name, so {@code 6m} meant as six months stops the start.
         */
        Duration retention(Option option, long minDays) {
            String value = text(option).strip().toLowerCase(Locale.ROOT);
            if (value.equals("off")) {
                return null;
            }
            if (value.matches("[0-9]{1,7}d")) {
                long days = Long.parseLong(value.substring(0, value.length() - 1));
                if (days >= minDays) {
                    return Duration.ofDays(days);
                }
            }
            throw new ConfigException(option.env() + " must be off or whole days of at least " + minDays
                    + " (such as 3650d), got '" + value + "'");
        }

        Duration duration(Option option) {
            String value = text(option).strip().toLowerCase(Locale.ROOT);
            try {
                Duration parsed;
                if (value.startsWith("pt") || value.startsWith("p")) {
                    parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                } else if (value.endsWith("ms")) {
                    parsed = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                } else if (value.endsWith("s")) {
                    parsed = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
                } else if (value.endsWith("m")) {
                    parsed = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
                } else if (value.endsWith("h")) {
                    parsed = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
                } else {
                    throw new NumberFormatException();
                }
                if (parsed.isNegative() || parsed.isZero()) {
                    throw new ConfigException(option.env() + " must be positive, got '" + value + "'");
                }
                return parsed;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new ConfigException(option.env() + " must be a duration such as 45s, 15m or 500ms, got '" + value + "'");
            }
        }

        /** A JSON array of RTCIceServers, checked entry by entry (see {@link IceServer#parseAll}). */
        List<IceServer> iceServers(Option option) {
            try {
                return IceServer.parseAll(text(option));
            } catch (IllegalArgumentException e) {
                // the reason names the entry and the fault, never a credential; the value itself is not shown
                throw new ConfigException(option.env() + " is not a JSON array of ICE servers: " + e.getMessage(), e);
            }
        }

        private static String shown(Option option, String value) {
            return option.isSecret() ? "<redacted>" : value;
        }
    }
}
