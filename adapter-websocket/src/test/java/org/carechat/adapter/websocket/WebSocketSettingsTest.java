package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebSocketSettingsTest {

    @Test
    void the_standard_settings_are_the_defaults_of_the_wire_contract() {
        WebSocketSettings standard = WebSocketSettings.standard();

        assertThat(standard.path()).isEqualTo("/ws");
        assertThat(standard.maxFrameBytes()).isEqualTo(65536);
        assertThat(standard.outboundQueueFrames()).isEqualTo(1024);
        assertThat(standard.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(standard.idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(standard.allowedOrigins()).isEmpty();
        assertThat(standard.maxSocketsPerUser()).isEqualTo(10);
        assertThat(standard.maxSockets()).isEqualTo(50_000);
    }

    @Test
    void nonsense_is_refused_when_the_settings_are_made() {
        WebSocketSettings s = WebSocketSettings.standard();

        assertThatThrownBy(() -> s.withPath("ws")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withPath("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withPath("/ws/{room}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withMaxFrameBytes(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withOutboundQueueFrames(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withLiveness(Duration.ZERO, Duration.ofSeconds(75))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withLiveness(Duration.ofSeconds(30), Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withAllowedOrigins(Set.of("app.example.org"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withAllowedOrigins(Set.of("https://app.example.org/login"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withAllowedOrigins(Set.of("ftp://app.example.org"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withSocketLimits(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withSocketLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSocketSettings(null, 65536, 1, Duration.ofSeconds(1), Duration.ofSeconds(2), Set.of(), 1, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void allowed_origins_are_kept_in_the_form_browsers_send() {
        WebSocketSettings settings = WebSocketSettings.standard().withAllowedOrigins(
                Set.of("HTTPS://App.Example.org:443/", "http://localhost:3000", "http://clinic.example:80"));

        assertThat(settings.allowedOrigins())
                .containsExactlyInAnyOrder("https://app.example.org", "http://localhost:3000", "http://clinic.example");
    }
}
