package org.carechat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/** A streamed frame envelope is, character for character, the envelope written as a tree. */
class StreamedFrameTest {
    private static final WireJson JSON = new WireJson(WireLimits.standard());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void every_shape_of_envelope_streams_as_its_tree_writes() {
        ObjectNode data = NODES.objectNode();
        data.put("conversationId", "c_1");
        data.put("text", "hello \"doctor\" \\ é 👍 \u0001 \u2028");
        data.put("seq", 42L);
        data.putNull("nothing");
        data.putArray("ids").add("m_1").add(7);
        data.set("message", NODES.rawValueNode(new RawValue("{\"id\":\"m_1\",\"seq\":1}")));

        for (String re : new String[] {null, "f_1", "quote \" and é"}) {
            for (JsonNode payload : new JsonNode[] {null, NODES.objectNode(), data}) {
                assertThat(JSON.writeFrame("new_message", re, payload)).isEqualTo(tree("new_message", re, payload));
            }
        }
    }

    @Test
    void a_streamed_envelope_reads_back_as_what_was_written() {
        ObjectNode data = NODES.objectNode().put("n", 1);
        JsonNode read = JSON.parse(JSON.writeFrame("ack", "f_9", data));

        assertThat(read.get("event").stringValue()).isEqualTo("ack");
        assertThat(read.get("re").stringValue()).isEqualTo("f_9");
        assertThat(read.get("data")).isEqualTo(data);
        assertThat(JSON.parse(JSON.writeFrame("pong", null, null)).get("data").isEmpty()).isTrue();
        assertThat(JSON.parse(JSON.writeFrame("pong", null, null)).has("re")).isFalse();
    }

    private static String tree(String event, String re, JsonNode data) {
        ObjectNode frame = NODES.objectNode();
        frame.put("event", event);
        if (re != null) {
            frame.put("re", re);
        }
        frame.set("data", data == null ? NODES.objectNode() : data);
        return JSON.write(frame);
    }
}
