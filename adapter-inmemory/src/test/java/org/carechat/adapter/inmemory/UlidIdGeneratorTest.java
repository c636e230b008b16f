package org.carechat.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.carechat.domain.common.Ids;
import org.junit.jupiter.api.Test;

final class UlidIdGeneratorTest {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");

    @Test
    void an_id_is_26_crockford_base32_characters_of_letters_and_digits() {
        String id = new UlidIdGenerator().newId();

        assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(id.chars().allMatch(Character::isLetterOrDigit)).isTrue();
        assertThat(Ids.isWellFormed(id)).isTrue();
    }

    @Test
    void the_first_ten_characters_encode_the_time_in_milliseconds() {
        ManualTime time = new ManualTime(T0);
        UlidIdGenerator ids = new UlidIdGenerator(time, new SecureRandom());

        String id = ids.newId();

        assertThat(decodeTime(id.substring(0, 10))).isEqualTo(T0.toEpochMilli());
        assertThat(id.charAt(0)).as("48 bits of time leave the first character at most 7").isLessThanOrEqualTo('7');
    }

    @Test
    void known_time_encodes_as_the_ulid_specification_says() {
        ManualTime time = new ManualTime(Instant.ofEpochMilli(1_469_918_176_385L));
        UlidIdGenerator ids = new UlidIdGenerator(time, new SecureRandom());

        assertThat(ids.newId()).startsWith("01ARYZ6S41");
        time.set(Instant.ofEpochMilli(1_469_922_850_259L));
        assertThat(ids.newId()).startsWith("01ARZ3NDEK");
    }

    @Test
    void ids_of_the_same_millisecond_count_up_from_the_previous_one() {
        ManualTime time = new ManualTime(T0);
        UlidIdGenerator ids = new UlidIdGenerator(time, new SecureRandom());

        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            made.add(ids.newId());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allMatch(id -> id.startsWith(made.get(0).substring(0, 10)));
    }

    @Test
    void ids_stay_in_order_across_milliseconds_and_when_the_clock_steps_back() {
        ManualTime time = new ManualTime(T0);
        UlidIdGenerator ids = new UlidIdGenerator(time, new SecureRandom());

        List<String> made = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            made.add(ids.newId());
            time.advance(Duration.ofMillis(1));
        }
        time.set(T0.minusSeconds(10));
        made.add(ids.newId());
        made.add(ids.newId());

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(decodeTime(made.get(49).substring(0, 10))).isEqualTo(T0.toEpochMilli() + 49);
    }

    @Test
    void the_random_part_differs_between_generators() {
        ManualTime time = new ManualTime(T0);

        String first = new UlidIdGenerator(time, new SecureRandom()).newId();
        String second = new UlidIdGenerator(time, new SecureRandom()).newId();

        assertThat(first.substring(0, 10)).isEqualTo(second.substring(0, 10));
        assertThat(first.substring(10)).isNotEqualTo(second.substring(10));
    }

    @Test
    void ids_made_on_many_threads_are_unique_and_each_threads_ids_are_in_order() throws Exception {
        UlidIdGenerator ids = new UlidIdGenerator();
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> all = ConcurrentHashMap.newKeySet();
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(ids.newId());
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<String>> future : futures) {
                List<String> mine = future.get(60, TimeUnit.SECONDS);
                assertThat(mine).isSorted();
                all.addAll(mine);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(all).hasSize(threads * perThread);
        assertThat(new HashSet<>(all)).allMatch(id -> id.length() == 26);
    }

    private static long decodeTime(String tenCharacters) {
        long time = 0;
        for (char c : tenCharacters.toCharArray()) {
            time = time * 32 + CROCKFORD.indexOf(c);
        }
        return time;
    }
}
