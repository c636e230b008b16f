package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.application.ChatSettings;
import org.carechat.application.messaging.AcknowledgeMessageUseCase.AcknowledgeMessage;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.UrgentFollowUps;
import org.carechat.application.messaging.UrgentFollowUps.Swept;
import org.carechat.application.port.Escalations.EscalationCase;
import org.carechat.application.port.PushNotifications.PushNotice;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.UrgentFollowUp;
import org.junit.jupiter.api.Test;

/**
 * Urgent messages nobody acknowledges: told again to the recipients after the reminder interval (5 min), handed on
 * to the escalation contacts (the patient's care team) after the second (5 min more), each step once, stored on the
 * message and audited.
 */
final class UrgentFollowUpsTest {
    private final ChatFixture fx = ChatFixture.create();

    private Message sendUrgent(Actor from, ConversationId conversation, String text) {
        return ok(fx.core.sendMessage().send(new SendMessage(from, conversation, null, MessageType.TEXT, text, null, null,
                null, MessagePriority.URGENT))).message().message();
    }

    private Swept sweep() {
        return fx.core.urgentFollowUps().sweep(100);
    }

    /** The pushes run as tasks of the core's timers: let them run. */
    private List<PushNotice> pushed() {
        fx.time.advance(Duration.ZERO);
        return fx.pushed;
    }

    private Message stored(Message message) {
        return fx.messages.find(message.id()).orElseThrow();
    }

    @Test
    void nobody_acknowledges_so_the_recipient_is_reminded_then_the_care_team_is_told_each_step_once() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor adaDesk = fx.connect(fx.ada, "desk");
        Actor noraPhone = fx.connect(fx.nora, "phone");
        Actor alicePhone = fx.connect(fx.alice, "phone");
        Message urgent = sendUrgent(fx.alice, conversation, "my chest hurts");
        pushed().clear();

        fx.time.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(sweep().reminded()).as("not yet due").isZero();

        fx.time.advance(Duration.ofSeconds(1));
        assertThat(sweep()).isEqualTo(new Swept(1, 1, 0, false));
        assertThat(stored(urgent).followUp()).isEqualTo(UrgentFollowUp.REMINDED);
        assertThat(fx.inbox(adaDesk).events(ChatEvent.UrgentReminder.class)).containsExactly(
                new ChatEvent.UrgentReminder(conversation, urgent.id(), fx.alice.id(), urgent.createdAt()));
        assertThat(fx.inbox(alicePhone).events(ChatEvent.UrgentReminder.class)).as("the sender sees it went")
                .hasSize(1);
        assertThat(pushed()).containsExactly(new PushNotice(fx.ada.id(), conversation, urgent.id(), "urgent",
                urgent.createdAt(), PushNotice.Kind.URGENT_REMINDER));
        assertThat(sweep().reminded()).as("once").isZero();

        fx.time.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(sweep().escalated()).as("not yet due").isZero();
        assertThat(fx.inbox(noraPhone).events()).isEmpty();

        fx.time.advance(Duration.ofSeconds(1));
        assertThat(sweep()).isEqualTo(new Swept(1, 0, 1, false));
        assertThat(stored(urgent).followUp()).isEqualTo(UrgentFollowUp.ESCALATED);
        ChatEvent.UrgentEscalated escalated = new ChatEvent.UrgentEscalated(conversation, urgent.id(), fx.alice.id(),
                fx.alice.id(), urgent.createdAt(), List.of(fx.nora.id()));
        assertThat(fx.inbox(noraPhone).events()).containsExactly(escalated);
        assertThat(fx.inbox(alicePhone).events(ChatEvent.UrgentEscalated.class)).containsExactly(escalated);
        assertThat(fx.inbox(adaDesk).events(ChatEvent.UrgentEscalated.class)).containsExactly(escalated);
        assertThat(pushed()).hasSize(2).last().isEqualTo(new PushNotice(fx.nora.id(), conversation, urgent.id(), "urgent",
                urgent.createdAt(), PushNotice.Kind.URGENT_ESCALATION));

        fx.time.advance(Duration.ofHours(1));
        assertThat(sweep()).as("escalation is the last step").isEqualTo(new Swept(0, 0, 0, false));

        AuditEntry remind = fx.auditOf(AuditAction.URGENT_REMIND).get(0);
        AuditEntry escalate = fx.auditOf(AuditAction.URGENT_ESCALATE).get(0);
        assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).hasSize(1);
        assertThat(fx.auditOf(AuditAction.URGENT_ESCALATE)).hasSize(1);
        for (AuditEntry entry : List.of(remind, escalate)) {
            assertThat(entry.actor()).isEqualTo(UrgentFollowUps.ACTOR.id());
            assertThat(entry.outcome()).isEqualTo(AuditEntry.OK);
            assertThat(entry.targets()).contains("message:" + urgent.id().value(), "conversation:" + conversation.value());
        }
        assertThat(escalate.targets()).contains("user:" + fx.nora.id().value());
    }

    @Test
    void an_acknowledgement_stops_the_follow_up_at_the_step_it_reached() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message early = sendUrgent(fx.alice, conversation, "short of breath");
        Message late = sendUrgent(fx.alice, conversation, "still short of breath");
        ok(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, early.id())));

        fx.time.advance(Duration.ofMinutes(5));
        assertThat(sweep()).isEqualTo(new Swept(1, 1, 0, false));
        ok(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, late.id())));
        fx.time.advance(Duration.ofMinutes(10));

        assertThat(sweep()).isEqualTo(new Swept(0, 0, 0, false));
        assertThat(stored(early).followUp()).isEqualTo(UrgentFollowUp.NONE);
        assertThat(stored(late).followUp()).isEqualTo(UrgentFollowUp.REMINDED);
        assertThat(fx.auditOf(AuditAction.URGENT_ESCALATE)).isEmpty();
    }

    @Test
    void routine_and_deleted_messages_are_never_followed_up() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        fx.send(fx.alice, conversation, "routine question");
        Message withdrawn = sendUrgent(fx.alice, conversation, "sent by mistake");
        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, withdrawn.id())));

        fx.time.advance(Duration.ofHours(1));

        assertThat(sweep()).isEqualTo(new Swept(0, 0, 0, false));
        assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).isEmpty();
    }

    @Test
    void a_clinician_s_urgent_message_to_the_patient_is_followed_up_the_same_way() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor alicePhone = fx.connect(fx.alice, "phone");
        Actor noraPhone = fx.connect(fx.nora, "phone");
        Message urgent = sendUrgent(fx.ada, conversation, "please call the ward now");

        fx.time.advance(Duration.ofMinutes(5));
        sweep();
        fx.time.advance(Duration.ofMinutes(5));
        sweep();

        assertThat(fx.inbox(alicePhone).events(ChatEvent.UrgentReminder.class)).extracting(ChatEvent.UrgentReminder::messageId)
                .containsExactly(urgent.id());
        assertThat(fx.inbox(noraPhone).events(ChatEvent.UrgentEscalated.class)).singleElement()
                .satisfies(event -> assertThat(event.patientId()).isEqualTo(fx.alice.id()));
    }

    @Test
    void the_clinic_s_own_roster_names_the_contacts_and_sees_the_patient_and_care_team() {
        AtomicReference<EscalationCase> asked = new AtomicReference<>();
        CareChatCore core = new CareChatCore(fx.ports.withEscalations(escalation -> {
            asked.set(escalation);
            return java.util.Arrays.asList(fx.ben.id(), null, fx.ben.id());
        }), ChatSettings.standard());
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor benDesk = fx.connect(fx.ben, "desk");
        Message urgent = sendUrgent(fx.alice, conversation, "dizzy and falling");

        fx.time.advance(Duration.ofMinutes(10));
        core.urgentFollowUps().sweep(10);
        core.urgentFollowUps().sweep(10);

        assertThat(asked.get().patient()).isEqualTo(fx.alice.id());
        assertThat(asked.get().careTeam()).containsExactly(fx.nora.id());
        assertThat(asked.get().message().id()).isEqualTo(urgent.id());
        assertThat(fx.inbox(benDesk).events(ChatEvent.UrgentEscalated.class)).singleElement()
                .satisfies(event -> assertThat(event.escalatedTo()).as("once each, no null").containsExactly(fx.ben.id()));
    }

    @Test
    void a_message_past_both_steps_is_reminded_in_one_look_and_escalated_only_in_a_later_one() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message urgent = sendUrgent(fx.alice, conversation, "nobody looked for an hour");
        fx.time.advance(Duration.ofHours(1));

        assertThat(sweep()).as("the recipients are asked first; looked at by both passes").isEqualTo(new Swept(2, 1, 0, false));
        assertThat(stored(urgent).followUp()).isEqualTo(UrgentFollowUp.REMINDED);
        assertThat(sweep()).isEqualTo(new Swept(1, 0, 1, false));
    }

    @Test
    void a_roster_that_fails_for_one_message_leaves_the_others_escalated() {
        List<ConversationId> failing = new java.util.ArrayList<>();
        CareChatCore core = new CareChatCore(fx.ports.withEscalations(escalation -> {
            if (failing.contains(escalation.conversation().id())) {
                throw new IllegalStateException("roster service down");
            }
            return escalation.careTeam();
        }), ChatSettings.standard());
        ConversationId withAda = fx.open(fx.alice, fx.ada);
        ConversationId withBen = fx.open(fx.bob, fx.ben);
        failing.add(withAda);
        Message first = sendUrgent(fx.alice, withAda, "sent first, its roster fails");
        Message second = sendUrgent(fx.bob, withBen, "sent second");
        fx.time.advance(Duration.ofMinutes(5));
        core.urgentFollowUps().sweep(10);
        fx.time.advance(Duration.ofMinutes(5));

        UrgentFollowUps.Swept swept = core.urgentFollowUps().sweep(10);

        assertThat(swept.escalated()).isEqualTo(1);
        assertThat(stored(second).followUp()).isEqualTo(UrgentFollowUp.ESCALATED);
        assertThat(stored(first).followUp()).as("tried again at the next look").isEqualTo(UrgentFollowUp.REMINDED);
        assertThat(fx.auditOf(AuditAction.URGENT_ESCALATE)).extracting(AuditEntry::outcome)
                .containsExactlyInAnyOrder(AuditEntry.OK, "error");
        failing.clear();
        assertThat(core.urgentFollowUps().sweep(10).escalated()).isEqualTo(1);
        assertThat(stored(first).followUp()).isEqualTo(UrgentFollowUp.ESCALATED);
    }

    @Test
    void the_intervals_are_the_deployment_s() {
        ChatFixture own = ChatFixture.create(settings -> settings.withMessageRules(MessageRules.standard()
                .withUrgentFollowUp(new UrgentFollowUp.Policy(Duration.ofMinutes(1), Duration.ofMinutes(2)))));
        ConversationId conversation = own.open(own.alice, own.ada);
        ok(own.core.sendMessage().send(new SendMessage(own.alice, conversation, null, MessageType.TEXT, "help", null, null,
                null, MessagePriority.URGENT)));

        own.time.advance(Duration.ofMinutes(1));
        assertThat(own.core.urgentFollowUps().sweep(10).reminded()).isEqualTo(1);
        own.time.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(own.core.urgentFollowUps().sweep(10).escalated()).isZero();
        own.time.advance(Duration.ofSeconds(1));
        assertThat(own.core.urgentFollowUps().sweep(10).escalated()).isEqualTo(1);
    }

    @Test
    void two_nodes_finding_the_same_step_due_take_it_once() {
        CareChatCore otherNode = new CareChatCore(fx.ports, ChatSettings.standard());
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor adaDesk = fx.connect(fx.ada, "desk");
        Message urgent = sendUrgent(fx.alice, conversation, "bleeding again");
        fx.time.advance(Duration.ofMinutes(5));
        // the other node takes the step while this one, having read the message, is about to store the same step
        fx.changes.beforeNextCommit(() -> assertThat(otherNode.urgentFollowUps().sweep(10).reminded()).isEqualTo(1));

        assertThat(sweep().reminded()).isZero();

        assertThat(fx.inbox(adaDesk).events(ChatEvent.UrgentReminder.class)).hasSize(1);
        assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).extracting(AuditEntry::outcome)
                .containsExactlyInAnyOrder(AuditEntry.OK, "conflict");
        assertThat(stored(urgent).followUp()).isEqualTo(UrgentFollowUp.REMINDED);
    }

    @Test
    void the_steps_live_in_the_store_so_a_core_started_later_takes_the_next_one() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message urgent = sendUrgent(fx.alice, conversation, "fever 40");
        fx.time.advance(Duration.ofMinutes(5));
        sweep();

        // this core is gone (a restart); a new one over the same store knows the reminder was sent
        CareChatCore restarted = new CareChatCore(fx.ports, ChatSettings.standard());
        assertThat(restarted.urgentFollowUps().sweep(10)).isEqualTo(new Swept(0, 0, 0, false));
        fx.time.advance(Duration.ofMinutes(5));
        assertThat(restarted.urgentFollowUps().sweep(10)).isEqualTo(new Swept(1, 0, 1, false));
        assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).hasSize(1);
        assertThat(stored(urgent).followUp()).isEqualTo(UrgentFollowUp.ESCALATED);
    }

    @Test
    void started_it_looks_on_the_core_s_timers_and_a_backlog_drains_in_batches() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        for (int i = 0; i < 150; i++) {
            sendUrgent(fx.alice, conversation, "urgent " + i);
        }
        fx.core.urgentFollowUps().start();
        try {
            fx.time.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).isEmpty();
            // it looks every 30 s (a fifth of 5 min, at most 30 s): at 5 min a batch of 100, the rest 1 s later
            fx.time.advance(Duration.ofSeconds(1));
            assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).hasSize(100);
            fx.time.advance(Duration.ofSeconds(1));
            assertThat(fx.auditOf(AuditAction.URGENT_REMIND)).hasSize(150);
        } finally {
            fx.core.urgentFollowUps().stop();
        }
    }
}
