package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.application.Actor;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.event.ChatEvent.MessageCreated;
import org.carechat.domain.event.ChatEvent.MessagesRead;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.message.Message;
import org.junit.jupiter.api.Test;

/**
 * A change (a message and its conversation's new state, an edit, a receipt) and its audit entry are committed as
 * one, and its events are published only after that commit, in the order of the conversation's changes.
 */
final class OneWritePerChangeTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor adaDesk = fx.connect(fx.ada, "desk");
    private final Actor adaMobile = fx.connect(fx.ada, "mobile");

    @Test
    void a_send_the_store_cannot_commit_stores_nothing_tells_nobody_and_is_audited_as_unavailable() {
        fx.changes.failNextCommit();

        ChatFailure refused = failure(fx.trySend(alicePhone, conversation, "I feel dizzy"));

        assertThat(refused).isInstanceOf(ChatFailure.Unavailable.class);
        assertThat(fx.everything(fx.alice, conversation)).isEmpty();
        assertThat(fx.conversations.find(conversation).orElseThrow().lastSeq()).isZero();
        assertThat(fx.inbox(adaDesk).events()).isEmpty();
        assertThat(fx.auditOf(AuditAction.MESSAGE_SEND)).extracting(AuditEntry::outcome).containsExactly("unavailable");

        Message next = fx.send(alicePhone, conversation, "Still there?");
        assertThat(next.seq()).as("no seq was spent on the send that was not stored").isEqualTo(1);
    }

    @Test
    void a_send_that_collides_with_other_writers_at_every_attempt_is_unavailable_and_stores_nothing() {
        fx.changes.collideAlways();

        ChatFailure refused = failure(fx.trySend(alicePhone, conversation, "I feel dizzy"));

        assertThat(refused).isInstanceOf(ChatFailure.Unavailable.class);
        assertThat(refused.message()).contains("try again");
        assertThat(fx.everything(fx.alice, conversation)).isEmpty();
        assertThat(fx.inbox(adaDesk).events()).isEmpty();
    }

    @Test
    void an_edit_the_store_cannot_commit_leaves_the_message_as_it_was_and_tells_nobody() {
        Message sent = fx.send(alicePhone, conversation, "I feel dizzy");
        fx.clearInboxes();
        fx.changes.failNextCommit();

        ChatFailure refused = failure(fx.core.editMessage().edit(new EditMessage(alicePhone, sent.id(), "I feel fine")));

        assertThat(refused).isInstanceOf(ChatFailure.Unavailable.class);
        assertThat(fx.messages.find(sent.id())).contains(sent);
        assertThat(fx.inbox(adaDesk).events()).isEmpty();
    }

    @Test
    void a_send_that_collides_with_another_is_computed_again_and_both_are_stored_once_in_order() {
        fx.changes.beforeNextCommit(() -> fx.send(adaDesk, conversation, "How are you?"));

        Message mine = fx.send(alicePhone, conversation, "I feel dizzy");

        assertThat(mine.seq()).isEqualTo(2);
        assertThat(fx.everything(fx.alice, conversation)).extracting(view -> view.message().content())
                .containsExactly("How are you?", "I feel dizzy");
        assertThat(fx.auditOf(AuditAction.MESSAGE_SEND)).extracting(AuditEntry::outcome).containsExactly("ok", "ok");
        assertThat(fx.inbox(adaMobile).events(MessageCreated.class)).extracting(created -> created.message().message().seq())
                .containsExactly(1L, 2L);
    }

    @Test
    void a_first_message_to_someone_opens_the_conversation_in_the_same_write_and_a_racing_opener_wins_the_pair() {
        // Nora opens the conversation with Alice just before Alice's first message to her is committed
        fx.changes.beforeNextCommit(() -> ok(fx.core.openConversation().open(
                new org.carechat.application.conversation.OpenConversationUseCase.OpenConversation(fx.nora, fx.alice.id()))));

        Message first = ok(fx.trySendTo(alicePhone, fx.nora.id(), "Hello nurse")).message().message();

        ConversationId opened = fx.conversations.findDirect(fx.alice.id(), fx.nora.id()).orElseThrow().id();
        assertThat(first.conversationId()).as("the message went into the conversation that won the pair").isEqualTo(opened);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(fx.conversations.ofParticipant(fx.nora.id())).hasSize(1);
        assertThat(fx.auditOf(AuditAction.MESSAGE_SEND)).extracting(AuditEntry::outcome).containsExactly("ok");
    }

    @Test
    void a_first_message_the_store_cannot_commit_leaves_no_empty_conversation_behind() {
        fx.changes.failNextCommit();

        assertThat(failure(fx.trySendTo(alicePhone, fx.nora.id(), "Hello nurse"))).isInstanceOf(ChatFailure.Unavailable.class);

        assertThat(fx.conversations.findDirect(fx.alice.id(), fx.nora.id())).isEmpty();
    }

    @Test
    void a_read_receipt_never_reaches_a_device_before_the_message_it_acknowledges() throws Exception {
        int messages = 2_000;
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i <= messages; i++) {
                    fx.send(adaDesk, conversation, "message " + i);
                }
            } finally {
                sending.set(false);
            }
        });
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (sending.get()) {
                ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, null)));
            }
        });
        sender.get(60, TimeUnit.SECONDS);
        reader.get(60, TimeUnit.SECONDS);

        // Ada's other device hears of every message and of every read; a read of N before the message N is out of order
        Set<Long> created = new HashSet<>();
        List<String> outOfOrder = new ArrayList<>();
        int reads = 0;
        for (ChatEvent event : fx.inbox(adaMobile).events()) {
            if (event instanceof MessageCreated message) {
                created.add(message.message().message().seq());
            } else if (event instanceof MessagesRead read) {
                reads++;
                if (!created.contains(read.upToSeq())) {
                    outOfOrder.add("messages_read(" + read.upToSeq() + ") before new_message(" + read.upToSeq() + ")");
                }
            }
        }
        assertThat(created).hasSize(messages);
        assertThat(reads).isPositive();
        assertThat(outOfOrder).isEmpty();
    }
}
