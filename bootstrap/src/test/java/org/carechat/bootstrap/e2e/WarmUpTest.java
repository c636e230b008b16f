package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.server.WarmUp;
import org.junit.jupiter.api.Test;

/** The warm-up sends real messages through a throwaway server, then leaves nothing behind; off by default. */
class WarmUpTest {

    @Test
    void it_sends_messages_and_reads_history_for_the_time_given_then_lets_go_of_its_server() throws Exception {
        WarmUp.Result result = WarmUp.run(Duration.ofMillis(1500));

        assertThat(result.messages()).isGreaterThan(100);
        assertThat(result.pages()).isPositive();
        assertThat(result.took()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(15));
        // its server is closed: a real server starts, and knows none of the warm-up's people
        try (TestServer server = TestServer.start()) {
            assertThat(server.get("/api/chat/contacts", "p1").body()).doesNotContain("warmup-");
        }
    }

    @Test
    void it_is_off_by_default_a_duration_when_given_and_bounded() {
        Map<String, String> key = Map.of("CHAT_JWT_SECRET", "a-test-secret-of-at-least-32-bytes!!");
        assertThat(ServerConfig.load(key, List.of()).warmup()).isZero();
        assertThat(WarmUp.run(Duration.ZERO).messages()).isZero();
        assertThat(ServerConfig.load(key, List.of("--warmup", "5s")).warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ServerConfig.load(key, List.of("--warmup", "10m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_WARMUP");
        assertThatThrownBy(() -> ServerConfig.load(key, List.of("--warmup", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_WARMUP");
    }
}
