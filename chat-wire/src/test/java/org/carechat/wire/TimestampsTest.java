package org.carechat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void writes_what_the_iso_formatter_writes_for_any_instant() {
        SplittableRandom random = new SplittableRandom(20261122);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(instant)).isEqualTo(REFERENCE.format(instant));
        }
    }

    @Test
    void truncates_to_milliseconds_and_handles_the_edges_of_days_and_years() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.0005Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-11-22T10:30:00.123456Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(Timestamps.format(instant)).isEqualTo(REFERENCE.format(instant));
        }
        assertThat(Timestamps.format(Instant.parse("2026-11-22T10:30:00.123999Z"))).isEqualTo("2026-11-22T10:30:00.123Z");
        assertThat(Timestamps.format(null)).isNull();
    }
}
