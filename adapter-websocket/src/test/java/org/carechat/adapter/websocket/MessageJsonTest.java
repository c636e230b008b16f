package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.carechat.wire.WireResources;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A message goes out as the JSON the wire contract gives it, written once per send and never for another message. */
class MessageJsonTest {
    private static final WireJson JSON = new WireJson(WireLimits.standard());

    @Test
    void the_same_view_is_written_once_and_reads_as_the_wire_contracts_message() {
        MessageJson messages = new MessageJson(JSON);
        MessageView view = view("m_1", "hello");

        JsonNode first = messages.of(view);

        assertThat(messages.of(view)).isSameAs(first);
        assertThat(JSON.write(JSON.object().set("message", first)))
                .isEqualTo(JSON.write(JSON.object().set("message", WireResources.message(view))));
    }

    @Test
    void another_view_even_an_equal_one_or_the_same_on_another_thread_is_written_afresh() throws Exception {
        MessageJson messages = new MessageJson(JSON);
        MessageView view = view("m_1", "hello");
        JsonNode first = messages.of(view);

        JsonNode other = messages.of(view("m_2", "other"));
        JsonNode equal = messages.of(view("m_1", "hello"));
        JsonNode elsewhere = CompletableFuture.supplyAsync(() -> messages.of(view)).get();

        assertThat(other).isNotSameAs(first);
        assertThat(JSON.write(JSON.object().set("message", other))).contains("\"m_2\"").doesNotContain("\"m_1\"");
        assertThat(equal).isNotSameAs(first);
        assertThat(elsewhere).isNotSameAs(first);
    }

    private static MessageView view(String id, String content) {
        return new MessageView(new MessageDraft(MessageId.of(id), ConversationId.of("c_1"), UserId.of("p1"),
                MessageType.TEXT, content, null, null, null, Instant.parse("2026-12-02T10:00:00Z"), null).at(1),
                MessageStatus.SENT);
    }
}
