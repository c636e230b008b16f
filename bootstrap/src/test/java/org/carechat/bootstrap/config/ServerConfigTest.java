package org.carechat.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carechat.adapter.websocket.SocketIoDialect;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final String SECRET = "a-secret-that-is-thirty-two-bytes-long";

    @Test
    void defaults_are_those_of_the_wire_contract() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(config.jsonMaxDepth()).isEqualTo(64);
        assertThat(config.maxTextLength()).isEqualTo(4000);
        assertThat(config.maxAttachmentBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(config.attachmentQuotaBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(config.unreferencedAttachmentTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.pageLimit()).isEqualTo(100);
        assertThat(config.ratePerSecond()).isEqualTo(20);
        assertThat(config.rateBurst()).isEqualTo(40);
        assertThat(config.editWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.typingTtl()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.ringTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(config.clinicianRoles()).containsExactlyInAnyOrder("doctor", "nurse", "midwife");
        assertThat(config.clinicianConsults()).isTrue();
        assertThat(config.maxSocketsPerUser()).isEqualTo(10);
        assertThat(config.maxSockets()).isEqualTo(50_000);
    }

    @Test
    void every_variable_is_also_a_flag_and_the_flag_wins() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_PORT", "9000"),
                List.of("--port", "9100", "--allowed-origins=https://a.example, https://b.example", "--ring-timeout", "30s"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.allowedOrigins()).containsExactlyInAnyOrder("https://a.example", "https://b.example");
        assertThat(config.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void durations_take_units_or_iso_8601() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_EDIT_WINDOW", "PT2M",
                "CHAT_PING_INTERVAL", "500ms", "CHAT_IDLE_TIMEOUT", "1h"), List.of());

        assertThat(config.editWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void the_attachment_quota_and_the_retention_of_unsent_uploads_are_configurable() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_ATTACHMENT_QUOTA_BYTES", "10_000_000"),
                List.of("--unreferenced-attachment-ttl", "6h"));

        assertThat(config.attachmentQuotaBytes()).isEqualTo(10_000_000L);
        assertThat(config.unreferencedAttachmentTtl()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_ATTACHMENT_QUOTA_BYTES", "0"),
                List.of())).hasMessageContaining("CHAT_ATTACHMENT_QUOTA_BYTES");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_UNREFERENCED_ATTACHMENT_TTL", "soon"),
                List.of())).hasMessageContaining("CHAT_UNREFERENCED_ATTACHMENT_TTL");
    }

    @Test
    void ice_servers_are_none_and_the_web_idle_sign_out_is_15_minutes_by_default() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of());

        assertThat(config.iceServers()).isEmpty();
        assertThat(config.webIdleSignOut()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void ice_servers_are_a_json_array_of_rtc_ice_servers_and_the_idle_sign_out_a_duration_where_0_is_never() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_ICE_SERVERS",
                "[{\"urls\": \"stun:stun.example.org:3478\"}, {\"urls\": [\"turn:turn.example.org:3478?transport=udp\"], "
                        + "\"username\": \"u\", \"credential\": \"c\"}]"), List.of("--web-idle-signout", "0"));
        ServerConfig flagged = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET),
                List.of("--ice-servers=[{\"urls\":\"stuns:stun.example.org\"}]", "--web-idle-signout", "PT30M"));

        assertThat(config.iceServers()).hasSize(2);
        assertThat(config.iceServers().get(0).urls()).containsExactly("stun:stun.example.org:3478");
        assertThat(config.iceServers().get(1).username()).isEqualTo("u");
        assertThat(config.webIdleSignOut()).isZero();
        assertThat(flagged.iceServers()).singleElement().satisfies(server -> assertThat(server.urls())
                .containsExactly("stuns:stun.example.org"));
        assertThat(flagged.webIdleSignOut()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void bad_ice_servers_are_refused_at_start_saying_what_is_wrong_and_never_showing_a_credential() {
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("stun:stun.example.org", "CHAT_ICE_SERVERS is not a JSON array of ICE servers: not JSON");
        refusals.put("{\"urls\": \"stun:x\"}", "not a JSON array");
        refusals.put("[{\"username\": \"u\", \"credential\": \"hunter2-secret\"}]", "entry 1: no urls");
        refusals.put("[{\"urls\": \"https://stun.example.org\"}]", "entry 1: an ICE server url starts with stun:, stuns:, turn: or turns:");
        refusals.put("[{\"urls\": \"stun:x\", \"credentialType\": \"password\"}]", "entry 1: unknown field 'credentialType'");
        refusals.put("[{\"urls\": \"stun:x\"}, {\"urls\": \"turn:x\", \"username\": \"u\"}]",
                "entry 2: an ICE server has a username and a credential together, or neither");
        refusals.put("[{\"urls\": \"turn:x\", \"credential\": \"hunter2-secret\", \"extra\": true}]", "entry 1: unknown field 'extra'");
        refusals.put("[{\"urls\": \"turn:turn.example.org\"}]", "a TURN server (turn:turn.example.org) needs a username and a credential");

        refusals.forEach((value, message) -> assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET,
                "CHAT_ICE_SERVERS", value), List.of()))
                .as(value).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CHAT_ICE_SERVERS is not a JSON array of ICE servers: ")
                .hasMessageContaining(message)
                .hasMessageNotContaining("hunter2-secret"));
    }

    @Test
    void the_socket_io_door_speaks_carechat_by_default_or_a_seed_dialect_by_name_or_number() {
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of()).socketIoDialect())
                .isEqualTo(SocketIoDialect.CARECHAT);
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_SOCKETIO_DIALECT", "MommyCare"), List.of())
                .socketIoDialect()).isEqualTo(SocketIoDialect.MOMMYCARE);
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of("--socketio-dialect=000")).socketIoDialect())
                .isEqualTo(SocketIoDialect.WEBSOCKET_CHAT);
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_SOCKETIO_DIALECT", "003"), List.of())
                .socketIoDialect()).isEqualTo(SocketIoDialect.CHAT_IMPLEMENTATION);
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_SOCKETIO_DIALECT", "patient-chat"), List.of())
                .socketIoDialect()).isEqualTo(SocketIoDialect.PATIENT_CHAT);
    }

    @Test
    void an_unknown_dialect_and_seed_002_which_names_no_events_are_refused_at_start() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_SOCKETIO_DIALECT", "rocketchat"),
                List.of())).isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_SOCKETIO_DIALECT")
                .hasMessageContaining("websocket-chat (000)").hasMessageContaining("mommycare (004)");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_SOCKETIO_DIALECT", "002"),
                List.of())).isInstanceOf(ConfigException.class).hasMessageContaining("seed 002 names no Socket.IO events");
    }

    @Test
    void a_cluster_node_needs_a_store_every_node_shares() {
        for (String store : new String[] {"memory", "embedded"}) {
            assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_REDIS_URI", "redis://r:6379",
                    "CHAT_STORE", store), List.of())).as(store).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("CHAT_REDIS_URI").hasMessageContaining("CHAT_STORE=mongo");
        }
        ServerConfig node = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_REDIS_URI", "redis://r:6379",
                "CHAT_STORE", "mongo", "CHAT_MONGO_URI", "mongodb://m:27017"), List.of());
        assertThat(node.clustered()).isTrue();
        assertThat(node.redisChannel()).isEqualTo("carechat:events");
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of()).clustered()).isFalse();
    }

    @Test
    void the_push_webhook_and_the_urgent_notice_are_checked_at_start() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET,
                "CHAT_PUSH_WEBHOOK_URL", "https://relay.example.org/push?token=hush"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_PUSH_WEBHOOK_SECRET")
                .hasMessageNotContaining("hush");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET,
                "CHAT_PUSH_WEBHOOK_URL", "http://relay.example.org/push", "CHAT_PUSH_WEBHOOK_SECRET", SECRET), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET,
                "CHAT_PUSH_WEBHOOK_SECRET", SECRET), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without CHAT_PUSH_WEBHOOK_URL");
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_PUSH_WEBHOOK_URL", "https://relay.example.org/push",
                "CHAT_PUSH_WEBHOOK_SECRET", SECRET), List.of()).pushWebhookAttempts()).isEqualTo(6);
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_URGENT_NOTICE", "line one\nline two"),
                List.of())).isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_URGENT_NOTICE");
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_URGENT_NOTICE", "Pas pour les urgences : appelez le 15."),
                List.of()).urgentNotice()).isEqualTo("Pas pour les urgences : appelez le 15.");
    }

    @Test
    void a_bad_web_idle_sign_out_names_its_variable() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_WEB_IDLE_SIGNOUT", "soon"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_WEB_IDLE_SIGNOUT");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of("--web-idle-signout=-5m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_WEB_IDLE_SIGNOUT");
    }

    @Test
    void the_demo_flag_needs_no_key() {
        ServerConfig config = ServerConfig.load(Map.of(), List.of("--demo"));

        assertThat(config.demo()).isTrue();
        assertThat(config.jwtSecret()).isNull();
    }

    @Test
    void demo_listens_on_the_loopback_address_unless_a_host_is_given() {
        assertThat(ServerConfig.load(Map.of(), List.of("--demo")).host()).isEqualTo("127.0.0.1");
        assertThat(ServerConfig.load(Map.of("CHAT_DEMO", "true"), List.of()).host()).isEqualTo("127.0.0.1");
        assertThat(ServerConfig.load(Map.of("CHAT_HOST", "0.0.0.0"), List.of("--demo")).host()).isEqualTo("0.0.0.0");
        assertThat(ServerConfig.load(Map.of(), List.of("--demo", "--host", "192.0.2.7")).host()).isEqualTo("192.0.2.7");
        assertThat(ServerConfig.load(Map.of("CHAT_HOST", " "), List.of("--demo")).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void only_the_memory_store_never_waits_so_only_there_do_frames_run_where_they_were_read() {
        Map<String, String> key = Map.of("CHAT_JWT_SECRET", SECRET);
        assertThat(ServerConfig.load(key, List.of("--store", "memory")).storeNeverWaits()).isTrue();
        assertThat(ServerConfig.load(key, List.of()).storeNeverWaits()).as("embedded, the default").isFalse();
        assertThat(ServerConfig.load(key, List.of("--store", "mongo", "--mongo-uri", "mongodb://db.example"))
                .storeNeverWaits()).isFalse();
    }

    @Test
    void worker_threads_are_many_where_requests_wait_for_a_durable_store_unless_a_number_is_given() {
        Map<String, String> key = Map.of("CHAT_JWT_SECRET", SECRET);
        assertThat(ServerConfig.load(key, List.of()).effectiveWorkerThreads())
                .isEqualTo(ServerConfig.WORKER_THREADS_FOR_A_DURABLE_STORE);
        assertThat(ServerConfig.load(key, List.of("--store", "memory")).effectiveWorkerThreads())
                .as("the HTTP server's own default").isZero();
        assertThat(ServerConfig.load(key, List.of("--store", "memory", "--worker-threads", "12")).effectiveWorkerThreads())
                .isEqualTo(12);
        assertThatThrownBy(() -> ServerConfig.load(key, List.of("--worker-threads", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_WORKER_THREADS");
        assertThatThrownBy(() -> ServerConfig.load(key, List.of("--worker-threads", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_WORKER_THREADS");
    }

    @Test
    void the_operations_that_serve_nobody_need_no_token_key() {
        assertThat(ServerConfig.loadForOperations(Map.of(), List.of("--data-dir", "/var/lib/carechat")).dataDir())
                .isEqualTo(java.nio.file.Path.of("/var/lib/carechat"));
        assertThatThrownBy(() -> ServerConfig.load(Map.of(), List.of("--data-dir", "/var/lib/carechat")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no token key");
    }

    @Test
    void without_demo_the_server_listens_on_every_interface_by_default() {
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of()).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void help_lists_every_option_with_its_flag_variable_default_and_meaning() {
        String help = Usage.text();

        for (Option option : Option.values()) {
            assertThat(help).as(option.env())
                    .containsPattern("(?m)^  " + java.util.regex.Pattern.quote(option.flag()) + "( <[a-z-]+>)?    "
                            + option.env() + ", default: " + java.util.regex.Pattern.quote(
                                    option.defaultValue() == null || option.defaultValue().isEmpty() ? "(none)" : option.defaultValue())
                            + "$")
                    .contains("      " + option.description().replace("`", "") + "\n");
        }
        assertThat(help).startsWith("Usage: java -jar carechat.jar").doesNotContain("`");
    }

    @Test
    void help_is_asked_with_help_or_h_anywhere_on_the_command_line() {
        assertThat(Usage.requested(List.of("--help"))).isTrue();
        assertThat(Usage.requested(List.of("-h"))).isTrue();
        assertThat(Usage.requested(List.of("--port", "9000", "--help"))).isTrue();
        assertThat(Usage.requested(List.of("--demo"))).isFalse();
        assertThat(Usage.requested(List.of("--jwt-secret=--help"))).isFalse();
    }

    @Test
    void without_a_key_and_without_demo_the_server_refuses_to_start_and_says_what_to_set() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHAT_JWT_SECRET").hasMessageContaining("--demo");
    }

    @Test
    void two_key_sources_at_once_are_refused() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_JWT_JWKS", "https://idp/jwks"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only one");
    }

    @Test
    void bad_values_name_their_variable() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_PORT", "eighty"), List.of()))
                .hasMessageContaining("CHAT_PORT");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_PORT", "70000"), List.of()))
                .hasMessageContaining("CHAT_PORT");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_TYPING_TTL", "soon"), List.of()))
                .hasMessageContaining("CHAT_TYPING_TTL");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_STORE", "oracle"), List.of()))
                .hasMessageContaining("CHAT_STORE");
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_IDLE_TIMEOUT", "10s"), List.of()))
                .hasMessageContaining("CHAT_IDLE_TIMEOUT");
    }

    @Test
    void a_variable_or_flag_set_to_nothing_counts_as_unset() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_METRICS_TOKEN", "  "),
                List.of("--jwt-issuer="));

        assertThat(config.metricsToken()).isNull();
        assertThat(config.jwtIssuer()).isNull();
    }

    @Test
    void an_unknown_flag_is_refused() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET), List.of("--prot", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--prot");
    }

    @Test
    void secrets_never_show_in_the_description() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_METRICS_TOKEN", "metrics-token-value"), List.of());

        assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("metrics-token-value");
        assertThat(config.describe()).doesNotContain(SECRET);
    }

    @Test
    void the_readme_configuration_table_lists_every_option_with_its_flag() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Option option : Option.values()) {
            assertThat(readme).as(option.env()).containsPattern("\\| `" + option.env() + "` \\| `" + option.flag() + "` \\|");
        }
    }
}
