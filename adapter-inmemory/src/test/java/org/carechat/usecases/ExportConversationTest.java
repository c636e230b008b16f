package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.admin.ExportConversationUseCase.ConversationExport;
import org.carechat.application.admin.ExportConversationUseCase.ExportConversation;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.Message;
import org.junit.jupiter.api.Test;

/** A conversation exported for the chart: admins and services only, page by page in seq order, each page audited. */
final class ExportConversationTest {
    private final ChatFixture fx = ChatFixture.create();

    private ConversationExport export(Actor by, ConversationId conversation, Long after, Integer limit) {
        return ok(fx.core.exportConversation().export(new ExportConversation(by, conversation, after, limit)));
    }

    @Test
    void an_admin_exports_every_message_page_by_page_in_seq_order_with_its_tombstones() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        for (int i = 1; i <= 5; i++) {
            fx.send(i % 2 == 0 ? fx.ada : fx.alice, conversation, "message " + i);
        }
        Message third = fx.everything(fx.alice, conversation).get(2).message();
        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, third.id())));

        ConversationExport first = export(fx.admin, conversation, null, 2);
        ConversationExport second = export(fx.service, conversation, first.nextAfterSeq(), 2);
        ConversationExport last = export(fx.admin, conversation, second.nextAfterSeq(), 2);

        assertThat(first.messages()).extracting(Message::seq).containsExactly(1L, 2L);
        assertThat(first.nextAfterSeq()).isEqualTo(2L);
        assertThat(second.messages()).extracting(Message::seq).containsExactly(3L, 4L);
        assertThat(second.messages().get(0).deleted()).isTrue();
        assertThat(second.messages().get(0).content()).isNull();
        assertThat(last.messages()).extracting(Message::content).containsExactly("message 5");
        assertThat(last.nextAfterSeq()).as("the last page").isNull();
        assertThat(first.conversation().id()).isEqualTo(conversation);
        assertThat(first.people()).containsOnlyKeys(fx.alice.id(), fx.ada.id());
        assertThat(first.people().get(fx.ada.id()).name()).isEqualTo("Dr. Ada Smith");

        List<AuditEntry> exports = fx.auditOf(AuditAction.CONVERSATION_EXPORT);
        assertThat(exports).extracting(AuditEntry::targets).containsExactly(
                List.of("conversation:" + conversation.value(), "seqs:1..2"),
                List.of("conversation:" + conversation.value(), "seqs:3..4"),
                List.of("conversation:" + conversation.value(), "seqs:5..5"));
        assertThat(exports).extracting(AuditEntry::actor).containsExactly(fx.admin.id(), fx.service.id(), fx.admin.id());
        assertThat(exports).allSatisfy(entry -> assertThat(entry.outcome()).isEqualTo(AuditEntry.OK));
    }

    @Test
    void an_empty_conversation_exports_as_an_empty_last_page() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);

        ConversationExport page = export(fx.admin, conversation, null, null);

        assertThat(page.messages()).isEmpty();
        assertThat(page.nextAfterSeq()).isNull();
        assertThat(fx.lastAudit().targets()).containsExactly("conversation:" + conversation.value());
    }

    @Test
    void no_one_but_admins_and_services_exports_not_even_the_conversations_own_people() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        fx.send(fx.alice, conversation, "private");

        for (Actor caller : List.of(fx.alice, fx.ada, fx.nora, fx.bob)) {
            assertThat(failure(fx.core.exportConversation().export(new ExportConversation(caller, conversation, null, null)))
                    .kind()).as(caller.id().value()).isEqualTo(FailureKind.FORBIDDEN);
        }
        assertThat(fx.auditOf(AuditAction.CONVERSATION_EXPORT)).hasSize(4)
                .allSatisfy(entry -> assertThat(entry.outcome()).isEqualTo("forbidden"));
    }

    @Test
    void an_unknown_conversation_a_negative_cursor_and_a_limit_below_one_are_refused_and_a_large_limit_is_capped() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        fx.send(fx.alice, conversation, "one");

        assertThat(failure(fx.core.exportConversation().export(new ExportConversation(fx.admin,
                ConversationId.of("c_nope"), null, null))).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure(fx.core.exportConversation().export(new ExportConversation(fx.admin, conversation, -1L, null)))
                .kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.exportConversation().export(new ExportConversation(fx.admin, conversation, null, 0)))
                .kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.exportConversation().export(new ExportConversation(fx.admin, null, null, null)))
                .kind()).isEqualTo(FailureKind.INVALID);
        for (int i = 2; i <= 1001; i++) {
            fx.send(i % 2 == 0 ? fx.ada : fx.alice, conversation, "message " + i);
        }
        ConversationExport capped = export(fx.admin, conversation, null, 1_000_000);
        assertThat(capped.messages()).hasSize(1000);
        assertThat(capped.nextAfterSeq()).isEqualTo(1000L);
        assertThat(export(fx.admin, conversation, null, null).messages()).as("the default page").hasSize(1000);
    }
}
