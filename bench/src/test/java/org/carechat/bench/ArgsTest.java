package org.carechat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void reads_values_flags_and_durations() {
        Args args = new Args(new String[] {"--store", "embedded", "--jfr", "--warmup=1.5s", "--measure", "2m", "--rate", "20_000"});
        assertThat(args.text("store", "memory")).isEqualTo("embedded");
        assertThat(args.flag("jfr")).isTrue();
        assertThat(args.duration("warmup", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(args.duration("measure", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(args.decimal("rate", 0)).isEqualTo(20_000);
        assertThat(args.integer("pairs", 500)).isEqualTo(500);
        args.requireAllRead();
    }

    @Test
    void a_misspelt_option_is_refused_rather_than_ignored() {
        Args args = new Args(new String[] {"--mesure", "10s"});
        args.duration("measure", Duration.ofSeconds(20));
        assertThatThrownBy(args::requireAllRead).hasMessageContaining("mesure");
    }
}
