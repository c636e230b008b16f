package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.application.Actor;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The signing and checking of download links on their own: what a link binds and when it stops being good. */
class AttachmentLinksTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final AttachmentId FILE = AttachmentId.of("a_01FILE");
    private static final Actor DOCTOR = Actor.of(UserId.of("d1"), Role.DOCTOR);

    private final ManualTime time = new ManualTime(NOW);
    private final byte[] key = key(1);
    private final AttachmentLinks links = new AttachmentLinks(key, time);

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static String refusal(Result<Identity> result) {
        assertThat(result.isOk()).isFalse();
        assertThat(result.failure()).isInstanceOf(ChatFailure.Unauthorized.class);
        return ((ChatFailure.Unauthorized) result.failure()).message();
    }

    @Test
    void a_link_proves_the_user_and_role_it_was_made_for_until_it_expires() {
        AttachmentLinks.Link link = links.sign(DOCTOR, FILE);

        Identity identity = links.verify(link.value(), FILE.value()).orThrow();

        assertThat(link.expiresAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(identity.userId()).isEqualTo(DOCTOR.id());
        assertThat(identity.role()).isEqualTo(Role.DOCTOR);
        assertThat(identity.expiresAt()).isEqualTo(link.expiresAt());
        assertThat(link.value()).matches("[A-Za-z0-9_.-]+").hasSizeLessThanOrEqualTo(AttachmentLinks.MAX_LENGTH);
    }

    @Test
    void a_link_is_good_strictly_before_its_expiry() {
        AttachmentLinks.Link link = links.sign(DOCTOR, FILE);

        time.advance(Duration.ofMillis(59_999));
        boolean before = links.verify(link.value(), FILE.value()).isOk();
        time.advance(Duration.ofMillis(1));

        assertThat(before).isTrue();
        assertThat(refusal(links.verify(link.value(), FILE.value()))).isEqualTo(AttachmentLinks.EXPIRED);
    }

    @Test
    void a_link_is_bound_to_its_file() {
        String link = links.sign(DOCTOR, FILE).value();

        assertThat(refusal(links.verify(link, "a_01OTHER"))).isEqualTo(AttachmentLinks.NOT_VALID);
        assertThat(refusal(links.verify(link, "a_01FILE|x"))).isEqualTo(AttachmentLinks.NOT_VALID);
    }

    @Test
    void a_link_of_another_key_is_not_valid_so_links_do_not_survive_a_restart() {
        String link = links.sign(DOCTOR, FILE).value();

        assertThat(refusal(new AttachmentLinks(key(2), time).verify(link, FILE.value()))).isEqualTo(AttachmentLinks.NOT_VALID);
        assertThat(refusal(new AttachmentLinks(time).verify(link, FILE.value()))).isEqualTo(AttachmentLinks.NOT_VALID);
        assertThat(new AttachmentLinks(key(1), time).verify(link, FILE.value()).isOk()).as("the same key").isTrue();
    }

    @Test
    void a_link_that_would_be_good_for_longer_than_60_seconds_was_not_made_here_now() {
        // the same key, its clock ahead: the signature holds but the expiry is further than any link of now could be
        ManualTime ahead = new ManualTime(NOW.plusSeconds(30));
        String link = new AttachmentLinks(key, ahead).sign(DOCTOR, FILE).value();

        assertThat(refusal(links.verify(link, FILE.value()))).isEqualTo(AttachmentLinks.NOT_VALID);
    }

    @Test
    void malformed_links_are_refused_without_a_failure_of_their_own() {
        String good = links.sign(DOCTOR, FILE).value();
        String[] parts = good.split("\\.");
        String[] bad = {null, "", "-", "a.b.c.d.e", good + ".", "." + good, good.replace('.', '!'),
                String.join(".", "!!!", parts[1], parts[2], parts[3], parts[4]),
                String.join(".", parts[0], parts[1], parts[2], parts[3], "%%%"),
                String.join(".", parts[0], parts[1], parts[2], parts[3], parts[4] + "AAAA"),
                "A".repeat(AttachmentLinks.MAX_LENGTH + 1)};

        for (String link : bad) {
            assertThat(refusal(links.verify(link, FILE.value()))).as(String.valueOf(link)).isEqualTo(AttachmentLinks.NOT_VALID);
        }
        assertThat(refusal(links.verify(good, null))).isEqualTo(AttachmentLinks.NOT_VALID);
        assertThat(refusal(links.verify(good, "not an id"))).isEqualTo(AttachmentLinks.NOT_VALID);
    }

    @Test
    void the_key_is_at_least_32_bytes() {
        assertThatThrownBy(() -> new AttachmentLinks(new byte[31], time)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_longest_ids_still_make_a_link_within_the_limit() {
        Actor longest = Actor.of(UserId.of("u".repeat(128)), new Role("consultant-obstetrician", org.carechat.domain.user.RoleKind.CLINICIAN));

        AttachmentLinks.Link link = links.sign(longest, AttachmentId.of("a".repeat(128)));

        assertThat(link.value()).hasSizeLessThanOrEqualTo(AttachmentLinks.MAX_LENGTH);
        assertThat(links.verify(link.value(), "a".repeat(128)).orThrow().role().name()).isEqualTo("consultant-obstetrician");
    }
}
