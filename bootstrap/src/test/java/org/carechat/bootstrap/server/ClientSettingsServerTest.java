package org.carechat.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.carechat.adapter.jwt.HmacTokenIssuer;
import org.carechat.adapter.rest.RestSettings;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.Option;
import org.carechat.bootstrap.config.ServerConfig;
import org.junit.jupiter.api.Test;

/** CHAT_ICE_SERVERS and CHAT_WEB_IDLE_SIGNOUT reach the REST door, and a signed-in client reads them from the real server. */
class ClientSettingsServerTest {
    private static final String SECRET = "a-client-settings-secret-of-32-bytes-or-more";
    private static final String ICE = "[{\"urls\": \"stun:stun.example.org:3478\"}, {\"urls\": "
            + "[\"turn:turn.example.org:3478?transport=udp\"], \"username\": \"u\", \"credential\": \"c\"}]";

    private static Map<Option, String> options() {
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.HOST, "127.0.0.1");
        options.put(Option.JWT_SECRET, SECRET);
        options.put(Option.STORE, "memory");
        return options;
    }

    @Test
    void the_configuration_becomes_the_rest_settings() {
        Map<Option, String> options = options();
        options.put(Option.ICE_SERVERS, ICE);
        options.put(Option.WEB_IDLE_SIGNOUT, "10m");

        RestSettings rest = Settings.rest(ServerConfig.defaults(options));
        RestSettings standard = Settings.rest(ServerConfig.defaults(options()));

        assertThat(rest.iceServers()).hasSize(2);
        assertThat(rest.idleSignOut()).isEqualTo(Duration.ofMinutes(10));
        assertThat(standard.iceServers()).isEmpty();
        assertThat(standard.idleSignOut()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void a_signed_in_client_reads_the_ice_servers_and_the_idle_sign_out_from_the_running_server() throws Exception {
        Map<Option, String> options = options();
        options.put(Option.ICE_SERVERS, ICE);
        options.put(Option.WEB_IDLE_SIGNOUT, "0");
        try (CareChatServer server = CareChatServer.start(ServerConfig.defaults(options))) {
            String admin = new HmacTokenIssuer(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                    .issue("root", "admin", null, Duration.ofMinutes(5));
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/chat/client-settings");

            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + admin).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(signedIn.body()).isEqualTo("{\"iceServers\":[{\"urls\":[\"stun:stun.example.org:3478\"]},"
                    + "{\"urls\":[\"turn:turn.example.org:3478?transport=udp\"],\"username\":\"u\",\"credential\":\"c\"}],"
                    + "\"idleSignOutSeconds\":0,\"editWindowSeconds\":900,\"maxTextLength\":4000}");
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void bad_ice_servers_stop_the_server_before_it_starts() {
        Map<Option, String> options = options();
        options.put(Option.ICE_SERVERS, "[{\"urls\": \"turn:turn.example.org\"}]");

        assertThatThrownBy(() -> ServerConfig.defaults(options)).isInstanceOf(ConfigException.class)
                .hasMessage("CHAT_ICE_SERVERS is not a JSON array of ICE servers: entry 1: a TURN server (turn:turn.example.org) "
                        + "needs a username and a credential");
    }
}
