package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.conversation.ListConversationsUseCase.ListConversations;
import org.carechat.application.presence.ListContactsUseCase.ListContacts;
import org.carechat.application.presence.QueryPresenceUseCase.QueryPresence;
import org.carechat.application.presence.SetStatusUseCase.SetStatus;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.event.ChatEvent.StatusChanged;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;
import org.carechat.domain.user.UserSummary;
import org.junit.jupiter.api.Test;

/** Online, offline and status for contacts only; contacts are active care relationships and conversations. */
final class PresenceTest {
    private final ChatFixture fx = ChatFixture.create();
    private final Actor adaDesk = fx.connect(fx.ada, "desk");
    private final Actor noraDesk = fx.connect(fx.nora, "desk");
    private final Actor benDesk = fx.connect(fx.ben, "desk");
    private final Actor bobPhone = fx.connect(fx.bob, "phone");
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor aliceLaptop = fx.connect(fx.alice, "laptop");

    @Test
    void the_first_session_tells_the_contacts_that_the_user_is_online() {
        PresenceState online = ok(fx.core.openSession().open(alicePhone));

        assertThat(online.isOnline()).isTrue();
        for (Actor contact : List.of(adaDesk, noraDesk)) {
            assertThat(fx.inbox(contact).events(StatusChanged.class)).extracting(StatusChanged::presence)
                    .containsExactly(online);
        }
        assertThat(fx.inbox(benDesk).events()).isEmpty();
        assertThat(fx.inbox(bobPhone).events()).isEmpty();

        ok(fx.core.openSession().open(aliceLaptop));

        assertThat(fx.inbox(adaDesk).events(StatusChanged.class)).as("a second device changes nothing").hasSize(1);
    }

    @Test
    void the_last_session_closing_tells_the_contacts_that_the_user_is_offline_since_then() {
        ok(fx.core.openSession().open(alicePhone));
        ok(fx.core.openSession().open(aliceLaptop));
        fx.time.advance(Duration.ofMinutes(5));
        ok(fx.core.closeSession().close(alicePhone));
        assertThat(fx.inbox(adaDesk).events(StatusChanged.class)).hasSize(1);
        fx.time.advance(Duration.ofMinutes(5));
        Instant lastSeen = fx.time.instant();

        PresenceState offline = ok(fx.core.closeSession().close(aliceLaptop));

        assertThat(offline.isOnline()).isFalse();
        assertThat(offline.lastSeen()).isEqualTo(lastSeen);
        List<StatusChanged> toAda = fx.inbox(adaDesk).events(StatusChanged.class);
        assertThat(toAda).hasSize(2);
        assertThat(toAda.get(1).presence().isOnline()).isFalse();
        assertThat(toAda.get(1).presence().lastSeen()).isEqualTo(lastSeen);
        assertThat(fx.inbox(noraDesk).events(StatusChanged.class)).hasSize(2);
        assertThat(fx.inbox(benDesk).events()).isEmpty();
    }

    @Test
    void a_status_change_reaches_the_contacts() {
        ok(fx.core.openSession().open(adaDesk));
        fx.clearInboxes();

        PresenceState busy = ok(fx.core.setStatus().setStatus(new SetStatus(adaDesk, Availability.BUSY)));

        assertThat(busy.status()).isEqualTo(Availability.BUSY);
        assertThat(busy.isOnline()).isTrue();
        assertThat(fx.inbox(alicePhone).events(StatusChanged.class)).extracting(StatusChanged::presence).containsExactly(busy);
        assertThat(fx.inbox(aliceLaptop).events(StatusChanged.class)).hasSize(1);
        assertThat(fx.inbox(bobPhone).events()).isEmpty();
        assertThat(fx.inbox(noraDesk).events()).as("no consult conversation yet, so not a contact").isEmpty();
        assertThat(failure(fx.core.setStatus().setStatus(new SetStatus(adaDesk, null))).kind()).isEqualTo(FailureKind.INVALID);
    }

    @Test
    void presence_stops_between_two_people_once_their_relationship_ended_but_a_consult_keeps_it() {
        fx.open(fx.ada, fx.ben);
        fx.open(fx.alice, fx.ada);
        fx.revoke(fx.alice, fx.ada);

        ok(fx.core.openSession().open(adaDesk));

        assertThat(fx.inbox(benDesk).events(StatusChanged.class)).hasSize(1);
        assertThat(fx.inbox(alicePhone).events(StatusChanged.class)).isEmpty();
        assertThat(fx.inbox(bobPhone).events()).isEmpty();
        assertThat(ok(fx.core.queryPresence().query(new QueryPresence(fx.alice, List.of(fx.ada.id()))))).isEmpty();
        ConversationView seenByAlice = ok(fx.core.listConversations().list(
                new ListConversations(fx.alice, null, null, null, null))).items().get(0);
        assertThat(seenByAlice.canSend()).isFalse();
        UserSummary adaAsAliceSeesHer = seenByAlice.participants().stream()
                .filter(person -> person.user().id().equals(fx.ada.id())).findFirst().orElseThrow();
        assertThat(adaAsAliceSeesHer.presence().isOnline()).isFalse();
        assertThat(adaAsAliceSeesHer.presence().lastSeen()).isNull();
        UserSummary adaAsBenSeesHer = ok(fx.core.listConversations().list(
                new ListConversations(fx.ben, null, null, null, null))).items().get(0).participants().stream()
                .filter(person -> person.user().id().equals(fx.ada.id())).findFirst().orElseThrow();
        assertThat(adaAsBenSeesHer.presence().isOnline()).isTrue();
    }

    @Test
    void presence_is_answered_only_for_contacts() {
        ok(fx.core.openSession().open(adaDesk));
        ok(fx.core.openSession().open(benDesk));
        ok(fx.core.setStatus().setStatus(new SetStatus(adaDesk, Availability.AWAY)));

        List<PresenceState> answered = ok(fx.core.queryPresence().query(new QueryPresence(fx.alice,
                List.of(fx.ada.id(), fx.ben.id(), fx.bob.id(), fx.nora.id(), UserId.of("ghost"), fx.ada.id()))));

        assertThat(answered).extracting(PresenceState::user).containsExactly(fx.ada.id(), fx.nora.id());
        assertThat(answered.get(0).isOnline()).isTrue();
        assertThat(answered.get(0).status()).isEqualTo(Availability.AWAY);
        assertThat(answered.get(1).isOnline()).isFalse();
        assertThat(ok(fx.core.queryPresence().query(new QueryPresence(fx.carol, List.of(fx.ada.id(), fx.ben.id())))))
                .isEmpty();
    }

    @Test
    void contacts_are_the_people_of_my_active_care_relationships() {
        assertThat(names(fx.alice, null, null)).containsExactlyInAnyOrder("Dr. Ada Smith", "Nurse Nora Jones");
        assertThat(names(fx.ada, null, null)).containsExactly("Alice Martin");
        assertThat(names(fx.carol, null, null)).isEmpty();
        assertThat(names(fx.admin, null, null)).isEmpty();
    }

    @Test
    void contacts_are_filtered_by_role_and_by_a_name_fragment() {
        assertThat(names(fx.alice, null, "nurse")).containsExactly("Nurse Nora Jones");
        assertThat(names(fx.alice, null, "DOCTOR")).containsExactly("Dr. Ada Smith");
        assertThat(names(fx.alice, null, "midwife")).isEmpty();
        assertThat(names(fx.alice, "smith", null)).containsExactly("Dr. Ada Smith");
        assertThat(names(fx.alice, "JONES", "nurse")).containsExactly("Nurse Nora Jones");
        assertThat(names(fx.alice, "jones", "doctor")).isEmpty();
    }

    @Test
    void ended_and_revoked_relationships_leave_the_contacts() {
        fx.relate(fx.carol, fx.ben, ChatFixture.START.plus(Duration.ofHours(2)));
        fx.revoke(fx.alice, fx.nora);
        assertThat(names(fx.carol, null, null)).containsExactly("Dr. Ben Okafor");

        fx.time.advance(Duration.ofHours(2));

        assertThat(names(fx.carol, null, null)).isEmpty();
        assertThat(names(fx.alice, null, null)).containsExactly("Dr. Ada Smith");
    }

    @Test
    void contacts_show_presence() {
        ok(fx.core.openSession().open(adaDesk));

        List<UserSummary> contacts = ok(fx.core.listContacts().contacts(new ListContacts(fx.alice, "ada", null)));

        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).presence().isOnline()).isTrue();
        assertThat(contacts.get(0).user().specialty()).isEqualTo("cardiology");
    }

    private List<String> names(Actor actor, String query, String role) {
        return ok(fx.core.listContacts().contacts(new ListContacts(actor, query, role))).stream()
                .map(summary -> summary.user().name()).toList();
    }
}
