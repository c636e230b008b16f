package org.carechat.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.application.SessionId;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.application.conversation.OpenConversationUseCase.OpenConversation;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.adapter.inmemory.InMemoryNotifier;
import org.carechat.bootstrap.CareChat;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.carechat.wire.WireEvents;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.carechat.wire.WireResources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The send use case over the in-memory store, as the embedding builder wires it: care check, content
 * rules, append at the next seq under the conversation's lock, conversation update, publish, audit.
 * {@code sendAndEncode} adds what the WebSocket door does with the result: the {@code message_sent}
 * reply and the recipient's {@code new_message} frame, written as JSON. The store is rebuilt every
 * iteration so that it does not grow for the whole run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SendMessageBenchmark {
    private static final String CONTENT = "Hello doctor, my blood pressure this morning was fine and I took the tablets as agreed.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Conversations the sends are spread over (each a patient with their doctor). */
    @Param({"1", "1000"})
    public int conversations;

    private CareChatCore core;
    private Actor[] patients;
    private ConversationId[] ids;
    private WireJson json;

    @Setup(Level.Iteration)
    public void setUp() {
        InMemoryNotifier notifier = new InMemoryNotifier();
        core = CareChat.builder().notifier(notifier).build();
        json = new WireJson(WireLimits.standard());
        Actor admin = Actor.of(UserId.of("admin"), Role.ADMIN);
        patients = new Actor[conversations];
        ids = new ConversationId[conversations];
        for (int i = 0; i < conversations; i++) {
            UserId patient = UserId.of("p" + i);
            UserId doctor = UserId.of("d" + i);
            core.upsertUser().upsert(new UpsertUser(admin, patient, "Patient " + i, "patient", null)).orThrow();
            core.upsertUser().upsert(new UpsertUser(admin, doctor, "Dr. " + i, "doctor", null)).orThrow();
            core.openCareRelationship().open(new OpenCareRelationship(admin, patient, doctor, null, null, null)).orThrow();
            patients[i] = new Actor(patient, Role.PATIENT, new SessionId("s_p" + i));
            ids[i] = core.openConversation().open(new OpenConversation(patients[i], doctor)).orThrow()
                    .conversation().conversation().id();
            // the doctor is online: publishing reaches one listener, as a socket would
            notifier.subscribe(doctor, new SessionId("s_d" + i), event -> { });
        }
    }

    /** Which conversation a benchmark thread sends into next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Result<Sent> send(Cursor cursor) {
        int i = cursor.next++ % conversations;
        return core.sendMessage().send(new SendMessage(patients[i], ids[i], null, MessageType.TEXT, CONTENT, null, null, null));
    }

    @Benchmark
    public Result<Sent> sendWithClientMessageId(Cursor cursor) {
        int n = cursor.next++;
        int i = n % conversations;
        return core.sendMessage().send(new SendMessage(patients[i], ids[i], null, MessageType.TEXT, CONTENT, null, null,
                "k" + Thread.currentThread().getId() + "-" + n));
    }

    @Benchmark
    public void sendAndEncode(Cursor cursor, Blackhole hole) {
        int n = cursor.next++;
        int i = n % conversations;
        Sent sent = core.sendMessage().send(new SendMessage(patients[i], ids[i], null, MessageType.TEXT, CONTENT, null,
                null, null)).orThrow();
        ObjectNode data = NODES.objectNode();
        data.set("message", WireResources.message(sent.message()));
        hole.consume(envelope("message_sent", Integer.toString(n), data));
        WireEvents.WireEvent event = WireEvents.of(new ChatEvent.MessageCreated(sent.message()));
        hole.consume(envelope(event.name(), null, event.data()));
    }

    /** The frame envelope the WebSocket door writes ({@code Frames.reply}). */
    private String envelope(String name, String re, ObjectNode data) {
        ObjectNode frame = NODES.objectNode();
        frame.put("event", name);
        if (re != null) {
            frame.put("re", re);
        }
        frame.set("data", data);
        return json.write(frame);
    }
}
