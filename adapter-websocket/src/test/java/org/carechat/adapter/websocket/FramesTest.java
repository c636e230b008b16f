package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class FramesTest {
    private static final WireJson JSON = new WireJson(WireLimits.standard());

    private static String strictUtf8RoundTrip(String text) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text))).toString();
    }

    @Test
    void a_frame_holding_lone_surrogates_is_valid_utf_8_and_reads_back_as_the_same_text() throws Exception {
        String text = "\ud800 lone high, lone low \udc00, a pair \ud83d\ude00, reversed \udc00\ud800, last \ud83d";

        String frame = Frames.event(JSON, "call_rejected", JsonNodeFactory.instance.objectNode().put("reason", text));

        assertThat(strictUtf8RoundTrip(frame)).isEqualTo(frame);
        assertThat(frame).contains("\\ud800 lone high", "low \\udc00", "a pair \ud83d\ude00", "reversed \\udc00\\ud800", "last \\ud83d\"");
        assertThat(TestClient.JSON.readTree(frame).get("data").get("reason").stringValue()).isEqualTo(text);
    }

    @Test
    void a_well_formed_frame_is_left_as_it_is() {
        String frame = "{\"event\":\"x\",\"data\":{\"emoji\":\"\ud83d\udc4d\",\"text\":\"caf\u00e9\"}}";

        assertThat(Frames.encodable(frame)).isSameAs(frame);
    }
}
