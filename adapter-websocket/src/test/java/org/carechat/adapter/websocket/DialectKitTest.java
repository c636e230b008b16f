package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carechat.wire.WireException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class DialectKitTest {
    @Test
    void a_seed_names_a_file_by_carechat_attachment_id_or_url_relative_or_absolute() {
        assertThat(DialectKit.attachmentId("a_01J", "fileUrl")).isEqualTo("a_01J");
        assertThat(DialectKit.attachmentId("/api/chat/attachments/a_01J", "fileUrl")).isEqualTo("a_01J");
        assertThat(DialectKit.attachmentId("https://chat.example.org/api/chat/attachments/a_01J?x=1", "fileUrl"))
                .isEqualTo("a_01J");
        assertThat(DialectKit.attachmentId(null, "fileUrl")).isNull();
    }

    @Test
    void anything_else_is_refused_saying_to_upload_first() {
        for (String bad : new String[] {"/uploads/chat/images/file.jpg", "https://cdn.example.org/x.png",
                "/api/chat/attachments/", "/api/chat/attachments/a_1/link", "  ", "http://[bad"}) {
            assertThatThrownBy(() -> DialectKit.attachmentId(bad, "fileUrl")).as(bad).isInstanceOf(WireException.class)
                    .hasMessageContaining("fileUrl");
        }
        assertThatThrownBy(() -> DialectKit.attachmentId("/x", "file.path")).hasMessageContaining("POST /api/chat/attachments");
    }

    @Test
    void an_id_argument_is_a_bare_string_or_an_object_holding_only_it() {
        assertThat(DialectKit.idArgument(JsonNodeFactory.instance.stringNode("p1"), "userId")).isEqualTo("p1");
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("userId", "p1");
        assertThat(DialectKit.idArgument(object, "userId")).isEqualTo("p1");
        assertThatThrownBy(() -> DialectKit.idArgument(JsonNodeFactory.instance.stringNode(" "), "userId"))
                .isInstanceOf(WireException.class);
        assertThatThrownBy(() -> DialectKit.idArgument(object.deepCopy().put("role", "admin"), "userId"))
                .isInstanceOf(WireException.class);
        assertThatThrownBy(() -> DialectKit.idArgument(JsonNodeFactory.instance.numberNode(7), "userId"))
                .isInstanceOf(WireException.class);
        assertThatThrownBy(() -> DialectKit.idArgument(null, "userId")).isInstanceOf(WireException.class);
    }

    @Test
    void a_call_message_reads_as_text_where_a_seed_has_no_calls() {
        ObjectNode call = JsonNodeFactory.instance.objectNode().put("media", "video").put("outcome", "missed")
                .put("durationSeconds", 0);
        assertThat(DialectKit.callText(call)).isEqualTo("Video call (missed)");
        call.put("media", "audio").put("outcome", "answered").put("durationSeconds", 95);
        assertThat(DialectKit.callText(call)).isEqualTo("Voice call (answered, 95 s)");
    }
}
