package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class SqliteSettingsTest {
    @Test
    void the_defaults_are_full_durability_and_three_seconds() {
        SqliteSettings settings = SqliteSettings.of(Path.of("data", "carechat.db"));

        assertThat(settings.durability()).isEqualTo(SqliteSettings.Durability.FULL);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.withDurability(SqliteSettings.Durability.NORMAL).withTimeout(Duration.ofMillis(500)))
                .isEqualTo(new SqliteSettings(Path.of("data", "carechat.db"), SqliteSettings.Durability.NORMAL,
                        Duration.ofMillis(500)));
    }

    @Test
    void a_timeout_outside_one_millisecond_to_five_minutes_is_refused() {
        SqliteSettings settings = SqliteSettings.of(Path.of("carechat.db"));

        assertThatThrownBy(() -> settings.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withTimeout(Duration.ofMinutes(6))).isInstanceOf(IllegalArgumentException.class);
        assertThat(settings.withTimeout(Duration.ofMinutes(5)).timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_path_the_jdbc_url_would_misread_or_that_names_no_file_is_refused() {
        assertThatThrownBy(() -> SqliteSettings.of(Path.of("data", "carechat.db?mode=memory")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'?'");
        assertThatThrownBy(() -> SqliteSettings.of(Path.of("/"))).isInstanceOf(IllegalArgumentException.class);
    }
}
