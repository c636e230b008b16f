package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.admin.RevokeCareRelationshipUseCase.RevokeCareRelationship;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.event.ChatEvent.ConversationUpdated;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.Test;

/**
 * A care relationship changed by administration tells its two people, on every device, how their direct
 * conversation now looks to each of them: above all whether they may still send there.
 */
final class CareChangeNoticesTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final ConversationId withNora = fx.open(fx.alice, fx.nora);
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor aliceLaptop = fx.connect(fx.alice, "laptop");
    private final Actor adaDesk = fx.connect(fx.ada, "desk");
    private final Actor noraDesk = fx.connect(fx.nora, "desk");
    private final Actor bobPhone = fx.connect(fx.bob, "phone");
    private final Actor benDesk = fx.connect(fx.ben, "desk");

    CareChangeNoticesTest() {
        fx.send(fx.alice, conversation, "My results came back");
        fx.send(fx.alice, conversation, "Could you look at them?");
        ok(fx.core.setMuted().setMuted(new SetMuted(fx.alice, conversation, true)));
        fx.clearInboxes();
    }

    @Test
    void revoking_tells_every_device_of_both_people_that_they_can_no_longer_send() {
        fx.revoke(fx.alice, fx.ada);

        ConversationView alicesView = ok(fx.core.getConversation().get(new GetConversation(fx.alice, conversation)));
        ConversationView adasView = ok(fx.core.getConversation().get(new GetConversation(fx.ada, conversation)));
        for (Actor session : List.of(alicePhone, aliceLaptop)) {
            assertThat(updates(session)).as("%s", session.session()).containsExactly(alicesView);
        }
        assertThat(updates(adaDesk)).containsExactly(adasView);
        assertThat(alicesView.canSend()).isFalse();
        assertThat(adasView.canSend()).isFalse();
        assertThat(alicesView.conversation().id()).isEqualTo(conversation);
        assertThat(alicesView.unreadCount()).as("each sees their own view").isZero();
        assertThat(alicesView.muted()).isTrue();
        assertThat(adasView.unreadCount()).isEqualTo(2);
        assertThat(adasView.muted()).isFalse();
    }

    @Test
    void opening_the_relationship_again_tells_both_that_they_can_send_again() {
        fx.revoke(fx.alice, fx.ada);
        fx.clearInboxes();

        fx.relate(fx.alice, fx.ada, null);

        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk)) {
            assertThat(updates(session)).as("%s", session.session()).singleElement()
                    .satisfies(view -> assertThat(view.canSend()).isTrue());
        }
        assertThat(fx.trySend(fx.ada, conversation, "Welcome back").isOk()).isTrue();
    }

    @Test
    void extending_an_active_relationship_tells_both_that_they_still_can_send() {
        fx.relate(fx.alice, fx.ada, fx.time.instant().plus(Duration.ofDays(30)));

        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk)) {
            assertThat(updates(session)).as("%s", session.session()).singleElement()
                    .satisfies(view -> assertThat(view.canSend()).isTrue());
        }
    }

    @Test
    void a_pair_without_a_direct_conversation_is_told_nothing_and_the_revocation_succeeds() {
        ok(fx.core.revokeCareRelationship().revoke(new RevokeCareRelationship(fx.admin, fx.bob.id(), fx.ben.id())));

        assertThat(fx.inbox(bobPhone).events()).isEmpty();
        assertThat(fx.inbox(benDesk).events()).isEmpty();
        assertThat(fx.trySendTo(fx.bob, fx.ben.id(), "hello").isOk()).as("revoked all the same").isFalse();
    }

    @Test
    void nobody_outside_the_pair_is_told_and_the_pair_hears_only_of_their_own_conversation() {
        fx.revoke(fx.alice, fx.ada);

        assertThat(fx.inbox(noraDesk).events()).isEmpty();
        assertThat(fx.inbox(bobPhone).events()).isEmpty();
        assertThat(fx.inbox(benDesk).events()).isEmpty();
        assertThat(updates(alicePhone)).extracting(view -> view.conversation().id())
                .containsExactly(conversation).doesNotContain(withNora);
    }

    @Test
    void a_call_the_revocation_ends_comes_first_and_the_conversation_shown_holds_its_record() {
        Call call = ok(fx.core.requestCall().requestCall(new RequestCall(alicePhone, conversation, null, CallMedia.AUDIO)));
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        fx.clearInboxes();

        fx.revoke(fx.alice, fx.ada);

        List<ChatEvent> events = fx.inbox(adaDesk).events();
        assertThat(events).last().isInstanceOf(ConversationUpdated.class);
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOf(ChatEvent.CallEnded.class));
        ConversationView shown = ((ConversationUpdated) events.get(events.size() - 1)).conversation();
        assertThat(shown.canSend()).isFalse();
        assertThat(shown.lastMessage().message().type()).isEqualTo(MessageType.CALL);
    }

    private List<ConversationView> updates(Actor session) {
        return fx.inbox(session).events(ConversationUpdated.class).stream().map(ConversationUpdated::conversation).toList();
    }
}
