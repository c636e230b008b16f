package org.carechat.bench.jmh;

import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.Timestamps;
import org.carechat.wire.WireEvents;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.carechat.wire.WireResources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the hot path, as the WebSocket door does it for every message: reading a client's
 * {@code send_message} frame (parse within the wire limits, envelope check, strict {@link ClientData}
 * read, the command record), and writing the {@code message_sent} reply and the {@code new_message}
 * event ({@link WireResources}, {@link WireEvents}, the envelope).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireBenchmark {
    private static final Set<String> ENVELOPE_FIELDS = Set.of("event", "id", "re", "data");
    private static final Set<String> SEND_FIELDS =
            Set.of("to", "conversationId", "type", "content", "attachmentId", "replyTo", "clientMessageId");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String frame = "{\"event\":\"send_message\",\"id\":\"12345\",\"data\":{\"conversationId\":"
            + "\"c_01JD5YQ3M8ZK2V7X9B4N6P1R0T\",\"content\":\"Hello doctor, my blood pressure this morning was fine and"
            + " I took the tablets as agreed.\",\"clientMessageId\":\"7f1c2b9e-4d1a-4c3e-9f0b-2a6d8e1c5b7a\"}}";
    private final Actor actor = Actor.of(UserId.of("p1"), Role.PATIENT);
    private WireJson json;
    private MessageView view;

    @Setup
    public void setUp() {
        json = new WireJson(WireLimits.standard());
        view = new MessageView(new MessageDraft(MessageId.of("01JD5YQ3M8ZK2V7X9B4N6P1R0T"),
                ConversationId.of("c_01JD5YQ3M8ZK2V7X9B4N6P1R0T"), UserId.of("p1"), MessageType.TEXT,
                "Hello doctor, my blood pressure this morning was fine and I took the tablets as agreed.", null, null,
                "7f1c2b9e-4d1a-4c3e-9f0b-2a6d8e1c5b7a", Instant.parse("2026-11-22T10:30:00.123Z"), null).at(17),
                MessageStatus.SENT);
    }

    /** What {@code EventDispatcher} and the {@code send_message} handler do before calling the use case. */
    @Benchmark
    public SendMessage decodeSendMessage() {
        JsonNode root = json.parse(frame);
        if (!root.isObject()) {
            throw new IllegalStateException();
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isString()) {
            throw new IllegalStateException();
        }
        Iterator<String> names = root.propertyNames().iterator();
        while (names.hasNext()) {
            if (!ENVELOPE_FIELDS.contains(names.next())) {
                throw new IllegalStateException();
            }
        }
        if (!"send_message".equals(root.get("event").stringValue())) {
            throw new IllegalStateException();
        }
        ClientData d = ClientData.of(root.get("data"), SEND_FIELDS);
        return new SendMessage(actor, d.id("conversationId", ConversationId::of), d.id("to", UserId::of),
                d.text("type") == null ? MessageType.TEXT : MessageType.valueOf(d.text("type").toUpperCase()),
                d.text("content"), null, d.id("replyTo", MessageId::of), d.text("clientMessageId"));
    }

    /** The reply to the sender. */
    @Benchmark
    public String encodeMessageSent() {
        ObjectNode data = NODES.objectNode();
        data.set("message", WireResources.message(view));
        return envelope("message_sent", "12345", data);
    }

    /** The event every other session of the conversation gets. */
    @Benchmark
    public String encodeNewMessage() {
        WireEvents.WireEvent event = WireEvents.of(new ChatEvent.MessageCreated(view));
        return envelope(event.name(), null, event.data());
    }

    /** Every message carries its creation time; both frames write it. */
    @Benchmark
    public String timestamp() {
        return Timestamps.format(view.message().createdAt());
    }

    private String envelope(String name, String re, ObjectNode data) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("event", name);
        if (re != null) {
            envelope.put("re", re);
        }
        envelope.set("data", data);
        return json.write(envelope);
    }
}
