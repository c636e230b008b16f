package org.carechat.bootstrap;

import java.security.SecureRandom;
import java.time.Clock;
import org.carechat.adapter.inmemory.ExecutorTimers;
import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCalls;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.adapter.inmemory.InMemoryNotifier;
import org.carechat.adapter.inmemory.InMemoryPresence;
import org.carechat.adapter.inmemory.UlidIdGenerator;
import org.carechat.application.CareChatCore;
import org.carechat.application.ChatPorts;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.DirectoryStore;
import org.carechat.adapter.inmemory.InMemoryChanges;
import org.carechat.application.ChatSettings;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Calls;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Escalations;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.Presence;
import org.carechat.application.port.PushNotifications;
import org.carechat.application.port.Timers;

/**
 * The entry point for embedding CareChat in a Java backend: plug in the ports you own (your user
 * directory, your appointment system as the care relationships), keep the in-memory defaults for the
 * rest, and get every use case from {@link CareChatCore}.
 *
 * <pre>{@code
 * CareChatCore chat = CareChat.builder()
 *         .directory(myDirectory)
 *         .careRelationships(myAppointments)
 *         .build();
 * }</pre>
 */
public final class CareChat {
    private CareChat() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects ports and settings; every port left unset is in memory. The core it builds already deletes, on its
     * timers, the uploads no message carries once their retention passed.
     */
    public static final class Builder {
        private Conversations conversations;
        private Messages messages;
        private CareRelationships careRelationships;
        private Directory directory;
        private Attachments attachments;
        private Blobs blobs;
        private AuditTrail auditTrail;
        private Changes changes;
        private Notifier notifier;
        private Presence presence;
        private Calls calls;
        private Timers timers;
        private PushNotifications push;
        private Escalations escalations;
        private IdGenerator ids;
        private Clock clock;
        private ChatSettings settings = ChatSettings.standard();

        private Builder() {
        }

        public Builder conversations(Conversations value) {
            this.conversations = value;
            return this;
        }

        public Builder messages(Messages value) {
            this.messages = value;
            return this;
        }

        /** Your appointment system, read-only, or a store that administration may change. */
        public Builder careRelationships(CareRelationships value) {
            this.careRelationships = value;
            return this;
        }

        /** Your user directory, read-only, or a store that administration may change. */
        public Builder directory(Directory value) {
            this.directory = value;
            return this;
        }

        public Builder attachments(Attachments value) {
            this.attachments = value;
            return this;
        }

        public Builder blobs(Blobs value) {
            this.blobs = value;
            return this;
        }

        public Builder auditTrail(AuditTrail value) {
            this.auditTrail = value;
            return this;
        }

        /**
         * Where every change is committed with its audit entry, as one: the store of your conversations, messages
         * and audit trail (for example {@code SqliteStore.changes()}). Needed when you give any of those three.
         */
        public Builder changes(Changes value) {
            this.changes = value;
            return this;
        }

        /** Where events go: your transport, or the WebSocket session registry of the standalone server. */
        public Builder notifier(Notifier value) {
            this.notifier = value;
            return this;
        }

        public Builder presence(Presence value) {
            this.presence = value;
            return this;
        }

        public Builder calls(Calls value) {
            this.calls = value;
            return this;
        }

        public Builder timers(Timers value) {
            this.timers = value;
            return this;
        }

        /**
         * Who an urgent message nobody acknowledged, even after a reminder, is handed on to (default: the patient's
         * care team, {@link Escalations#CARE_TEAM}).
         */
        public Builder escalations(Escalations value) {
            this.escalations = value;
            return this;
        }

        /** Told of each new message for a participant with no open session (default: no push service). */
        public Builder push(PushNotifications value) {
            this.push = value;
            return this;
        }

        public Builder ids(IdGenerator value) {
            this.ids = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder settings(ChatSettings value) {
            this.settings = value;
            return this;
        }

        public CareChatCore build() {
            Clock time = clock != null ? clock : Clock.systemUTC();
            Conversations conversationStore = conversations != null ? conversations : new InMemoryConversations();
            Messages messageStore = messages != null ? messages : new InMemoryMessages();
            AuditTrail trail = auditTrail != null ? auditTrail : new InMemoryAuditTrail();
            CareRelationships care = careRelationships != null ? careRelationships : new InMemoryCareRelationships();
            Directory people = directory != null ? directory : new InMemoryDirectory();
            ChatPorts ports = new ChatPorts(conversationStore, messageStore, care, people,
                    attachments != null ? attachments : new InMemoryAttachments(),
                    blobs != null ? blobs : new InMemoryBlobs(),
                    trail, changes != null ? changes : inMemoryChanges(conversationStore, messageStore, trail, people, care),
                    notifier != null ? notifier : new InMemoryNotifier(),
                    presence != null ? presence : new InMemoryPresence(),
                    calls != null ? calls : new InMemoryCalls(),
                    timers != null ? timers : new ExecutorTimers(),
                    ids != null ? ids : new UlidIdGenerator(time, new SecureRandom()),
                    time, push != null ? push : PushNotifications.NONE,
                    escalations != null ? escalations : Escalations.CARE_TEAM);
            CareChatCore core = new CareChatCore(ports, settings);
            core.attachmentRetention().start();
            core.urgentFollowUps().start();
            core.retentionPurge().start();
            return core;
        }

        private static Changes inMemoryChanges(Conversations conversations, Messages messages, AuditTrail trail,
                                               Directory directory, CareRelationships care) {
            if (conversations instanceof InMemoryConversations c && messages instanceof InMemoryMessages m
                    && trail instanceof InMemoryAuditTrail a) {
                return new InMemoryChanges(c, m, a, directory instanceof DirectoryStore store ? store : null,
                        care instanceof CareRelationshipStore store ? store : null);
            }
            throw new IllegalStateException("give changes(...) of the store that keeps your conversations, messages"
                    + " and audit trail: a change and its audit entry are committed there as one");
        }
    }
}
