package org.carechat.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
    private static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long!";

    private static ServerConfig load(Map<String, String> extra) {
        var environment = new java.util.HashMap<>(extra);
        environment.put("CHAT_JWT_SECRET", SECRET);
        return ServerConfig.load(environment, List.of());
    }

    @Test
    void messages_are_kept_forever_and_audit_entries_six_years_unless_told_otherwise() {
        ServerConfig defaults = load(Map.of());
        assertThat(defaults.retention()).isNull();
        assertThat(defaults.auditRetention()).isEqualTo(Duration.ofDays(2192));

        ServerConfig chosen = load(Map.of("CHAT_RETENTION", "3650d", "CHAT_AUDIT_RETENTION", "off"));
        assertThat(chosen.retention()).isEqualTo(Duration.ofDays(3650));
        assertThat(chosen.auditRetention()).isNull();
        assertThat(load(Map.of("CHAT_RETENTION", "1d")).retention()).isEqualTo(Duration.ofDays(1));
        assertThat(load(Map.of("CHAT_AUDIT_RETENTION", "365d")).auditRetention()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void a_retention_that_is_not_off_days_or_a_positive_duration_is_refused() {
        // 6m meant as six months must not purge what is six minutes old
        for (String bad : List.of("0d", "forever", "-3d", "0s", "6m", "48h", "PT1H", "500ms", "1.5d")) {
            assertThatThrownBy(() -> load(Map.of("CHAT_RETENTION", bad))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("CHAT_RETENTION").hasMessageContaining("whole days");
        }
        for (String bad : List.of("364d", "30d", "6m", "2192")) {
            assertThatThrownBy(() -> load(Map.of("CHAT_AUDIT_RETENTION", bad))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("CHAT_AUDIT_RETENTION").hasMessageContaining("at least 365");
        }
    }
}
