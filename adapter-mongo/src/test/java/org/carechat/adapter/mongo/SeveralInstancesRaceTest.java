package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.Change;
import org.carechat.application.port.Change.Write;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.Messages.Appended;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several application instances on one database: their stores share no memory, so only the database's unique
 * indexes and version checks keep places gap-free, appends idempotent and updates whole. The contracts race
 * threads of one store, which take turns in the process before they reach the database; these race stores.
 * The commits race unchecked even within an instance (the core would take turns under its conversation lock).
 */
final class SeveralInstancesRaceTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");
    private static final int INSTANCES = 3;
    private static final int THREADS_PER_INSTANCE = 2;
    private static final int THREADS = INSTANCES * THREADS_PER_INSTANCE;

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void appends_from_several_instances_get_every_place_exactly_once_and_without_gaps() throws Exception {
        List<MongoStore> instances = instances();
        int perThread = 25;

        List<List<Message>> appended = race(t -> () -> {
            List<Message> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                MessageDraft draft = new MessageDraft(MessageId.of("m_" + t + "_" + i), CONVERSATION, PATIENT,
                        MessageType.TEXT, "text " + t + "/" + i, null, null, null, T0.plusMillis(i), null);
                Appended outcome = instances.get(t % INSTANCES).messages().append(draft);
                assertThat(outcome.created()).isTrue();
                mine.add(outcome.message());
            }
            return mine;
        });

        List<Long> places = appended.stream().flatMap(List::stream).map(Message::seq).sorted().toList();
        List<Long> expected = LongStream.rangeClosed(1, (long) THREADS * perThread).boxed().toList();
        assertThat(places).containsExactlyElementsOf(expected);
        assertThat(instances.get(0).messages().after(CONVERSATION, 0, 1000)).extracting(Message::seq)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void the_same_client_message_id_sent_through_several_instances_is_stored_once() throws Exception {
        List<MongoStore> instances = instances();
        int keys = 15;

        List<List<Appended>> outcomes = race(t -> () -> {
            List<Appended> mine = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                MessageDraft draft = new MessageDraft(MessageId.of("m_" + t + "_" + k), CONVERSATION, PATIENT,
                        MessageType.TEXT, "text " + k, null, null, "key-" + k, T0.plusMillis(k), null);
                mine.add(instances.get(t % INSTANCES).messages().append(draft));
            }
            return mine;
        });

        for (int k = 0; k < keys; k++) {
            int key = k;
            List<Appended> forKey = outcomes.stream().map(list -> list.get(key)).toList();
            assertThat(forKey).filteredOn(Appended::created).hasSize(1);
            assertThat(forKey.stream().map(Appended::message).distinct()).hasSize(1);
        }
        assertThat(instances.get(1).messages().after(CONVERSATION, 0, 1000)).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, keys).boxed().toList());
    }

    @Test
    void updates_of_one_message_from_several_instances_are_never_lost() throws Exception {
        List<MongoStore> instances = instances();
        Message stored = instances.get(0).messages().append(new MessageDraft(MessageId.of("m_counter"), CONVERSATION,
                PATIENT, MessageType.TEXT, "0", null, null, null, T0, null)).message();
        int perThread = 25;

        race(t -> () -> {
            for (int i = 0; i < perThread; i++) {
                instances.get(t % INSTANCES).messages().update(stored.id(), m -> new Message(m.id(),
                        m.conversationId(), m.seq(), m.senderId(), m.type(),
                        Integer.toString(Integer.parseInt(m.content()) + 1), m.attachment(), m.replyTo(),
                        m.clientMessageId(), m.createdAt(), m.editedAt(), m.deleted(), m.reactions(), m.call()));
            }
            return null;
        });

        assertThat(instances.get(1).messages().find(stored.id()).orElseThrow().content())
                .isEqualTo(Integer.toString(THREADS * perThread));
    }

    @Test
    void cursor_moves_from_several_instances_are_all_kept_and_a_pair_gets_one_conversation() throws Exception {
        List<MongoStore> instances = instances();
        int perThread = 25;

        List<Conversation> created = race(t -> () -> instances.get(t % INSTANCES).conversations().getOrCreateDirect(
                t % 2 == 0 ? Conversation.direct(ConversationId.of("c_" + t), PATIENT, DOCTOR, T0)
                        : Conversation.direct(ConversationId.of("c_" + t), DOCTOR, PATIENT, T0)));
        assertThat(created.stream().map(Conversation::id).distinct()).hasSize(1);
        ConversationId id = created.get(0).id();

        race(t -> () -> {
            for (int i = 0; i < perThread; i++) {
                instances.get(t % INSTANCES).conversations().update(id, c -> new Conversation(c.id(),
                        c.participants(), c.states(), c.lastSeq() + 1, c.createdAt(), c.updatedAt()));
            }
            return null;
        });

        assertThat(instances.get(0).conversations().find(id).orElseThrow().lastSeq())
                .isEqualTo((long) THREADS * perThread);
    }

    @Test
    void sends_committed_from_several_instances_take_every_place_once_and_leave_nothing_of_those_that_collided()
            throws Exception {
        List<MongoStore> instances = instances();
        Conversation conversation = instances.get(0).conversations().getOrCreateDirect(
                Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
        int perThread = 10;

        // each thread does what the core does: read the conversation, take the next seq, commit; again on a
        // conflict. Half of them also move the doctor's read cursor in between, which makes sends collide on the
        // conversation after their message is stored
        AtomicInteger receipts = new AtomicInteger();
        List<List<Message>> committed = race(t -> () -> {
            MongoStore store = instances.get(t % INSTANCES);
            List<Message> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(send(store, t + "_" + i));
                if (t % 2 == 1 && readAll(store, t + "_" + i)) {
                    receipts.incrementAndGet();
                }
            }
            return mine;
        });
        // a send after the race adopts the last message if its commit stood and the adoption is still to come
        Message last = send(instances.get(1), "last");

        List<Message> all = new ArrayList<>(committed.stream().flatMap(List::stream).toList());
        all.add(last);
        long count = all.size();
        assertThat(all.stream().map(Message::seq).sorted().toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(instances.get(2).messages().after(CONVERSATION, 0, 1000))
                .containsExactlyInAnyOrderElementsOf(all);
        Conversation stored = instances.get(0).conversations().find(CONVERSATION).orElseThrow();
        assertThat(stored.lastSeq()).isEqualTo(count);
        assertThat(stored.participants()).isEqualTo(conversation.participants());
        assertThat(instances.get(0).auditTrail().query(new AuditQuery(null, null, null, null, 1000)))
                .as("the audit entries of commits that collided are gone").hasSize((int) count + receipts.get());
    }

    /** Moves the doctor's read cursor to the end, unless it is there; whether this commit moved it. */
    private static boolean readAll(MongoStore store, String name) {
        for (int attempt = 1; attempt <= 1000; attempt++) {
            Conversation read = store.conversations().find(CONVERSATION).orElseThrow();
            Conversation after = read.readUpTo(DOCTOR, read.lastSeq());
            if (after.equals(read)) {
                return false;
            }
            try {
                store.changes().commit(new Change(List.of(), List.of(new Write<>(read, after)), List.of(), List.of(),
                        new AuditEntry("a_read_" + name + "_" + attempt, DOCTOR, AuditAction.MARK_READ,
                                List.of("conversation:" + CONVERSATION), T0, AuditEntry.OK)));
                return true;
            } catch (ChangeConflict computeAgain) {
                // another instance came first
            }
        }
        throw new AssertionError("no receipt in 1000 attempts");
    }

    private static Message send(MongoStore store, String name) {
        for (int attempt = 1; attempt <= 1000; attempt++) {
            Conversation read = store.conversations().find(CONVERSATION).orElseThrow();
            Message message = new MessageDraft(MessageId.of("m_" + name + "_" + attempt), CONVERSATION, PATIENT,
                    MessageType.TEXT, "text " + name, null, null, "key-" + name, T0, null).at(read.lastSeq() + 1);
            try {
                store.changes().commit(new Change(List.of(Write.created(message)),
                        List.of(new Write<>(read, read.withMessage(message))), List.of(), List.of(),
                        new AuditEntry("a_" + name + "_" + attempt, PATIENT, AuditAction.MESSAGE_SEND,
                                List.of("conversation:" + CONVERSATION), T0, AuditEntry.OK)));
                return message;
            } catch (ChangeConflict computeAgain) {
                // another instance came first
            }
        }
        throw new AssertionError("no free place in 1000 attempts");
    }

    private List<MongoStore> instances() {
        MongoStoreSettings settings = mongo.freshSettings();
        List<MongoStore> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(mongo.track(MongoStore.open(settings)));
        }
        return instances;
    }

    private static <T> List<T> race(IntFunction<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<T> task = work.apply(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
