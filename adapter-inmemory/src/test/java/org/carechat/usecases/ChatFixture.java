package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCalls;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryChanges;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.adapter.inmemory.InMemoryNotifier;
import org.carechat.adapter.inmemory.InMemoryPresence;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.application.ChatPorts;
import org.carechat.application.ChatSettings;
import org.carechat.application.SessionId;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.RevokeCareRelationshipUseCase.RevokeCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.application.conversation.OpenConversationUseCase.OpenConversation;
import org.carechat.application.messaging.ReadHistoryUseCase.HistoryPage;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Notifier;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * A CareChat core over fresh in-memory ports, on a clock and timers that move only when a test says so,
 * with deterministic ids. The directory and the care relationships are seeded through the admin use
 * cases:
 *
 * <ul>
 *   <li>patients Alice (p_alice) and Bob (p_bob), in care with Dr. Ada Smith (d_ada, cardiology) and
 *       Nurse Nora Jones (n_nora) for Alice, with Dr. Ben Okafor (d_ben) for Bob;</li>
 *   <li>Carol (p_carol), a patient in care with nobody;</li>
 *   <li>an admin and a service (the clinic backend).</li>
 * </ul>
 *
 * Every event the notifier pushes is recorded per (user, session) for the sessions a test connects.
 */
final class ChatFixture {
    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    final ManualTime time = new ManualTime(START);
    /** The core's timers, on {@link #time}; {@link LosableTimers#loseAll} drops them, as a node that dies does. */
    final LosableTimers timers = new LosableTimers(time);
    final CountingIds ids = new CountingIds();
    final InMemoryNotifier notifier = new InMemoryNotifier();
    private final InMemoryConversations storedConversations = new InMemoryConversations();
    final InterleavingConversations conversations = new InterleavingConversations(storedConversations);
    final InMemoryMessages messages = new InMemoryMessages();
    final InMemoryCareRelationships relationships = new InMemoryCareRelationships();
    final InMemoryDirectory directory = new InMemoryDirectory();
    final InMemoryAttachments attachments = new InMemoryAttachments();
    final RecordingBlobs blobs = new RecordingBlobs(new InMemoryBlobs());
    final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
    final InMemoryPresence presence = new InMemoryPresence();
    final InMemoryCalls calls = new InMemoryCalls();
    final CareChatCore core;
    /** The ports {@link #core} runs on: another core over them is another node over the same store. */
    final ChatPorts ports;

    final Actor admin = Actor.of(UserId.of("admin_1"), Role.ADMIN);
    final Actor service = Actor.of(UserId.of("svc_clinic"), Role.SERVICE);
    final Actor alice = Actor.of(UserId.of("p_alice"), Role.PATIENT);
    final Actor bob = Actor.of(UserId.of("p_bob"), Role.PATIENT);
    final Actor carol = Actor.of(UserId.of("p_carol"), Role.PATIENT);
    final Actor ada = Actor.of(UserId.of("d_ada"), Role.DOCTOR);
    final Actor ben = Actor.of(UserId.of("d_ben"), Role.DOCTOR);
    final Actor nora = Actor.of(UserId.of("n_nora"), Role.NURSE);

    private final Map<SessionKey, Inbox> inboxes = new ConcurrentHashMap<>();
    /** What the core told the push service, in order. */
    final List<org.carechat.application.port.PushNotifications.PushNotice> pushed =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    final InterleavingChanges changes = new InterleavingChanges(
            new InMemoryChanges(storedConversations, messages, auditTrail, directory, relationships));

    private ChatFixture(ChatSettings settings, UnaryOperator<Notifier> transport) {
        ports = new ChatPorts(conversations, messages, relationships, directory, attachments, blobs, auditTrail,
                changes,
                transport.apply(notifier), presence, calls, timers, ids, time).withPush(pushed::add);
        core = new CareChatCore(ports, settings);
        upsert(admin, "Ada Admin", "admin", null);
        upsert(service, "Clinic Backend", "service", null);
        upsert(alice, "Alice Martin", "patient", null);
        upsert(bob, "Bob Stone", "patient", null);
        upsert(carol, "Carol White", "patient", null);
        upsert(ada, "Dr. Ada Smith", "doctor", "cardiology");
        upsert(ben, "Dr. Ben Okafor", "doctor", "dermatology");
        upsert(nora, "Nurse Nora Jones", "nurse", null);
        relate(alice, ada, null);
        relate(alice, nora, null);
        relate(bob, ben, null);
    }

    static ChatFixture create() {
        return new ChatFixture(ChatSettings.standard(), UnaryOperator.identity());
    }

    static ChatFixture create(UnaryOperator<ChatSettings> settings) {
        return new ChatFixture(settings.apply(ChatSettings.standard()), UnaryOperator.identity());
    }

    /** The core's notifier port is {@code transport} around the recording notifier (a transport that fails, say). */
    static ChatFixture withTransport(UnaryOperator<Notifier> transport) {
        return new ChatFixture(ChatSettings.standard(), transport);
    }

    // --- directory and care relationships, through the admin use cases ---

    void upsert(Actor user, String name, String role, String specialty) {
        ok(core.upsertUser().upsert(new UpsertUser(admin, user.id(), name, role, specialty)));
    }

    void relate(Actor patient, Actor clinician, Instant validUntil) {
        ok(core.openCareRelationship().open(new OpenCareRelationship(service, patient.id(), clinician.id(), null, null,
                validUntil)));
    }

    void revoke(Actor patient, Actor clinician) {
        ok(core.revokeCareRelationship().revoke(new RevokeCareRelationship(admin, patient.id(), clinician.id())));
    }

    // --- sessions and the events they receive ---

    /** The actor connected on {@code device}; from now on every event for that session is recorded. */
    Actor connect(Actor actor, String device) {
        SessionId session = new SessionId(actor.id().value() + "/" + device);
        Actor inSession = actor.in(session);
        Inbox inbox = new Inbox();
        if (inboxes.putIfAbsent(new SessionKey(actor.id(), session), inbox) != null) {
            throw new IllegalStateException(session + " is already connected");
        }
        notifier.subscribe(actor.id(), session, inbox::record);
        return inSession;
    }

    /** What the session of {@code actorInSession} has received so far. */
    Inbox inbox(Actor actorInSession) {
        Inbox inbox = inboxes.get(new SessionKey(actorInSession.id(), actorInSession.session()));
        if (inbox == null) {
            throw new IllegalStateException(actorInSession.session() + " is not connected");
        }
        return inbox;
    }

    void clearInboxes() {
        inboxes.values().forEach(Inbox::clear);
    }

    // --- conversations and messages ---

    ConversationId open(Actor from, Actor with) {
        return ok(core.openConversation().open(new OpenConversation(from, with.id()))).conversation().conversation().id();
    }

    Result<Sent> trySend(Actor from, ConversationId conversation, String text) {
        return core.sendMessage().send(new SendMessage(from, conversation, null, null, text, null, null, null));
    }

    Result<Sent> trySendTo(Actor from, UserId to, String text) {
        return core.sendMessage().send(new SendMessage(from, null, to, null, text, null, null, null));
    }

    Message send(Actor from, ConversationId conversation, String text) {
        return ok(trySend(from, conversation, text)).message().message();
    }

    /** Every message of a conversation as {@code reader} sees it, oldest first, read page after page. */
    List<MessageView> everything(Actor reader, ConversationId conversation) {
        List<MessageView> all = new ArrayList<>();
        long after = 0;
        while (true) {
            HistoryPage page = ok(core.readHistory().read(new ReadHistory(reader, conversation, null, after, 100)));
            all.addAll(page.items());
            if (!page.hasMore()) {
                return all;
            }
            after = page.items().get(page.items().size() - 1).message().seq();
        }
    }

    // --- audit ---

    /** Every audit entry so far, oldest first. */
    List<AuditEntry> audit() {
        List<AuditEntry> newestFirst = new ArrayList<>(auditTrail.query(new AuditQuery(null, null, null, null, Integer.MAX_VALUE)));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    AuditEntry lastAudit() {
        return auditTrail.query(new AuditQuery(null, null, null, null, 1)).get(0);
    }

    List<AuditEntry> auditOf(AuditAction action) {
        return audit().stream().filter(entry -> entry.action() == action).toList();
    }

    // --- results ---

    static <T> T ok(Result<T> result) {
        assertThat(result.isOk()).as("expected success but got %s", result).isTrue();
        return result.orThrow();
    }

    static ChatFailure failure(Result<?> result) {
        assertThat(result.isOk()).as("expected a refusal but got %s", result).isFalse();
        return result.failure();
    }

    private record SessionKey(UserId user, SessionId session) {
    }

    /** Everything one session received, in order. Safe for concurrent senders. */
    static final class Inbox {
        private final List<ChatEvent> events = new ArrayList<>();

        synchronized void record(ChatEvent event) {
            events.add(event);
        }

        synchronized List<ChatEvent> events() {
            return List.copyOf(events);
        }

        synchronized <T extends ChatEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        synchronized void clear() {
            events.clear();
        }
    }

    /** Ids {@code id1}, {@code id2}, ... in the order they are asked for. */
    static final class CountingIds implements IdGenerator {
        private final AtomicLong counter = new AtomicLong();

        @Override
        public String newId() {
            return "id" + counter.incrementAndGet();
        }

        long issued() {
            return counter.get();
        }

        /** The ids handed out after {@code mark} (a value of {@link #issued()}). */
        Set<String> issuedSince(long mark) {
            Set<String> ids = new LinkedHashSet<>();
            for (long n = mark + 1; n <= counter.get(); n++) {
                ids.add("id" + n);
            }
            return ids;
        }
    }

    /**
     * The in-memory conversations, with a way to slip another request in just before the next atomic update,
     * so that a race between two requests can be replayed deterministically.
     */
    /** The in-memory store's commits, with a hook to let another change come first. */
    static final class InterleavingChanges implements org.carechat.application.port.Changes {
        private final org.carechat.application.port.Changes delegate;
        private final AtomicReference<Runnable> beforeNextCommit = new AtomicReference<>();
        private final java.util.concurrent.atomic.AtomicBoolean failNextCommit = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicBoolean collideAlways = new java.util.concurrent.atomic.AtomicBoolean();

        InterleavingChanges(org.carechat.application.port.Changes delegate) {
            this.delegate = delegate;
        }

        /**
         * Runs {@code interloper} once, right before the next change of state reaches the store: after that change
         * read what it changes, as another device's change would on another thread.
         */
        void beforeNextCommit(Runnable interloper) {
            beforeNextCommit.set(interloper);
        }

        /** The next change of state finds the store down, as in an outage; entries alone still land. */
        void failNextCommit() {
            failNextCommit.set(true);
        }

        /** Every change of state collides with another writer from now on, as another node winning every race. */
        void collideAlways() {
            collideAlways.set(true);
        }

        @Override
        public void commit(org.carechat.application.port.Change change) {
            if (change.changesState() && failNextCommit.getAndSet(false)) {
                throw new org.carechat.application.port.StoreUnavailableException("the store is down", null);
            }
            if (change.changesState() && collideAlways.get()) {
                throw new org.carechat.application.port.ChangeConflict("another writer changed it first");
            }
            if (change.changesState()) {
                Runnable interloper = beforeNextCommit.getAndSet(null);
                if (interloper != null) {
                    interloper.run();
                }
            }
            delegate.commit(change);
        }
    }

    /** Timers on the manual clock that can all be lost at once: what a cluster node's death does to its timers. */
    static final class LosableTimers implements org.carechat.application.port.Timers {
        private final ManualTime time;
        private final List<Scheduled> scheduled = new java.util.concurrent.CopyOnWriteArrayList<>();

        LosableTimers(ManualTime time) {
            this.time = time;
        }

        @Override
        public Scheduled schedule(Duration delay, Runnable task) {
            Scheduled one = time.schedule(delay, task);
            scheduled.add(one);
            return one;
        }

        void loseAll() {
            scheduled.forEach(Scheduled::cancel);
            scheduled.clear();
        }
    }

    static final class InterleavingConversations implements Conversations {
        private final Conversations delegate;

        InterleavingConversations(Conversations delegate) {
            this.delegate = delegate;
        }

        private final java.util.concurrent.atomic.AtomicBoolean failNextFind = new java.util.concurrent.atomic.AtomicBoolean();

        /** The next {@link #find} finds the store down, as in an outage. */
        void failNextFind() {
            failNextFind.set(true);
        }

        @Override
        public Optional<Conversation> find(ConversationId id) {
            if (failNextFind.getAndSet(false)) {
                throw new org.carechat.application.port.StoreUnavailableException("the store is down", null);
            }
            return delegate.find(id);
        }

        @Override
        public Optional<Conversation> findDirect(UserId a, UserId b) {
            return delegate.findDirect(a, b);
        }

        @Override
        public Conversation getOrCreateDirect(Conversation candidate) {
            return delegate.getOrCreateDirect(candidate);
        }

        @Override
        public Optional<Conversation> update(ConversationId id, UnaryOperator<Conversation> change) {
            return delegate.update(id, change);
        }

        @Override
        public List<Conversation> ofParticipant(UserId user) {
            return delegate.ofParticipant(user);
        }
    }

    /** The in-memory blobs, remembering which ids a write was attempted for. */
    static final class RecordingBlobs implements Blobs {
        private final Blobs delegate;
        private final Set<AttachmentId> attempted = ConcurrentHashMap.newKeySet();

        RecordingBlobs(Blobs delegate) {
            this.delegate = delegate;
        }

        @Override
        public long write(AttachmentId id, InputStream content) throws IOException {
            attempted.add(id);
            return delegate.write(id, content);
        }

        @Override
        public Optional<InputStream> open(AttachmentId id) throws IOException {
            return delegate.open(id);
        }

        @Override
        public void delete(AttachmentId id) throws IOException {
            delegate.delete(id);
        }

        Set<AttachmentId> attempted() {
            return Set.copyOf(attempted);
        }
    }
}
