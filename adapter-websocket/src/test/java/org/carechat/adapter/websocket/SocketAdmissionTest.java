package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Metrics;
import org.junit.jupiter.api.Test;

class SocketAdmissionTest {
    private final Metrics metrics = new Metrics();
    private final SessionRegistry registry = new SessionRegistry(metrics);
    private final SocketAdmission admission = new SocketAdmission(registry, WebSocketSettings.standard().withSocketLimits(1, 10),
            Runnable::run, metrics);
    private final Identity patient = new Identity(UserId.of("p1"), Role.PATIENT, null, Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void an_admitted_upgrade_is_registered_for_delivery_at_once_and_holds_its_users_room() {
        SocketAdmission.Verdict first = admission.admit(patient);
        SocketAdmission.Verdict second = admission.admit(patient);

        assertThat(first).isInstanceOf(SocketAdmission.Admitted.class);
        assertThat(registry.socketsOf(UserId.of("p1"))).containsExactly(((SocketAdmission.Admitted) first).outbox());
        assertThat(second).isEqualTo(new SocketAdmission.Full(SessionRegistry.Room.USER_FULL));
    }

    @Test
    void an_upgrade_whose_socket_did_not_take_its_outbox_gives_its_room_back() {
        SocketAdmission.Admitted admitted = (SocketAdmission.Admitted) admission.admit(patient);

        admission.settle(admitted);

        assertThat(registry.connectionCount()).isZero();
        assertThat(admission.admit(patient)).isInstanceOf(SocketAdmission.Admitted.class);
    }

    @Test
    void an_upgrade_whose_socket_opened_keeps_its_room_when_settled() {
        SocketAdmission.Admitted admitted = (SocketAdmission.Admitted) admission.admit(patient);
        admitted.outbox().attach(new FakeSink(FakeSink.Mode.INLINE));

        admission.settle(admitted);
        admission.expireStale(System.nanoTime() + SocketAdmission.OPENING_TIMEOUT.toNanos() + 1);

        assertThat(registry.socketsOf(UserId.of("p1"))).containsExactly(admitted.outbox());
    }

    @Test
    void an_admitted_upgrade_whose_socket_never_opens_gives_its_room_back_after_the_opening_timeout() {
        SocketAdmission.Admitted admitted = (SocketAdmission.Admitted) admission.admit(patient);

        admission.expireStale(System.nanoTime());
        assertThat(registry.connectionCount()).isEqualTo(1);
        admission.expireStale(System.nanoTime() + SocketAdmission.OPENING_TIMEOUT.toNanos() + 1);

        assertThat(registry.connectionCount()).isZero();
        assertThat(admitted.outbox().isClosed()).isTrue();
    }
}
