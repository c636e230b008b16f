package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.DOCTOR;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An online backup: taken while writes go on, it holds everything acknowledged before it began and opens as a store. */
final class SqliteBackupTest {
    private static final ConversationId BUSY = ConversationId.of("c_busy");

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void a_backup_taken_while_writes_go_on_holds_everything_acknowledged_before_it_began_and_opens_as_a_store()
            throws Exception {
        SqliteStore store = sqlite.openStore();
        CareRelationship care = CareRelationship.open(PATIENT, DOCTOR, T0);
        User doctor = new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology");
        Attachment lab = new Attachment(AttachmentId.of("a_lab"), PATIENT, "lab.pdf", "application/pdf", 81_234, T0);
        AuditEntry audit = new AuditEntry("e_1", PATIENT, AuditAction.MESSAGE_SEND, List.of("conversation:c_1"), T0,
                AuditEntry.OK);
        store.careRelationships().save(care);
        store.directory().save(doctor);
        store.attachments().save(lab);
        store.auditTrail().append(audit);
        Conversation conversation = store.conversations().getOrCreateDirect(Drafts.conversation());
        List<Message> before = new ArrayList<>();
        for (int n = 1; n <= 200; n++) {
            before.add(store.messages().append(Drafts.text(n)).message());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> meanwhile = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (writing.get() && n < 100_000) {
                n++;
                store.messages().append(Drafts.text(BUSY, "m_busy_" + n, PATIENT, "during the backup " + n, null, n));
            }
            return n;
        });
        awaitSomeWrites(store);
        Path copy = sqlite.freshDirectory().resolve("backups").resolve("carechat-copy.db");

        store.backupTo(copy);
        writing.set(false);
        int writtenMeanwhile = meanwhile.get(60, TimeUnit.SECONDS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent()))).isEqualTo("rwx------");
        try (SqliteStore restored = sqlite.track(SqliteStore.open(SqliteSettings.of(copy)))) {
            assertThat(restored.messages().after(CONVERSATION, 0, 1000)).containsExactlyElementsOf(before);
            assertThat(restored.conversations().find(CONVERSATION)).contains(conversation);
            assertThat(restored.careRelationships().between(PATIENT, DOCTOR)).contains(care);
            assertThat(restored.directory().find(DOCTOR)).contains(doctor);
            assertThat(restored.attachments().find(lab.id())).contains(lab);
            assertThat(restored.auditTrail().query(new AuditQuery(null, null, null, null, 10))).containsExactly(audit);
            List<Message> busy = restored.messages().after(BUSY, 0, 200_000);
            assertThat(busy).as("a prefix of what was written meanwhile, gap-free").hasSizeBetween(1, writtenMeanwhile)
                    .extracting(Message::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, busy.size()).boxed().toList());
            assertThat(restored.messages().append(Drafts.text(201)).message().seq()).isEqualTo(201);
        }
        assertThat(store.messages().after(BUSY, 0, 200_000)).hasSize(writtenMeanwhile);
    }

    @Test
    void a_backup_never_overwrites_a_file() throws Exception {
        SqliteStore store = sqlite.openStore();
        store.messages().append(Drafts.text(1));
        Path existing = sqlite.freshDirectory().resolve("precious.db");
        Files.writeString(existing, "not to be lost");

        assertThatThrownBy(() -> store.backupTo(existing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never overwrites");

        assertThat(Files.readString(existing)).isEqualTo("not to be lost");
    }

    @Test
    void a_backup_from_outside_the_store_that_has_the_file_open_copies_it_without_claiming_it() throws Exception {
        SqliteStore store = sqlite.openStore();
        store.conversations().getOrCreateDirect(Drafts.conversation());
        List<Message> acknowledged = new ArrayList<>();
        for (int n = 1; n <= 50; n++) {
            acknowledged.add(store.messages().append(Drafts.text(n)).message());
        }
        Path copy = sqlite.freshDirectory().resolve("outside.db");

        SqliteStore.backup(store.file(), copy);

        assertThat(copy.resolveSibling("outside.db.partial")).as("written aside, then renamed").doesNotExist();
        assertThat(store.messages().append(Drafts.text(51)).message().seq()).as("the store goes on").isEqualTo(51);
        try (SqliteStore restored = sqlite.track(SqliteStore.open(SqliteSettings.of(copy)))) {
            assertThat(restored.messages().after(CONVERSATION, 0, 100)).containsExactlyElementsOf(acknowledged);
        }
        assertThatThrownBy(() -> SqliteStore.backup(store.file(), copy)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqliteStore.backup(copy.resolveSibling("nothing.db"), copy.resolveSibling("x.db")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no database");
    }

    private static void awaitSomeWrites(SqliteStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.messages().after(BUSY, 0, 10).size() < 10) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writes meant to go on during the backup did not start");
            }
            Thread.sleep(1);
        }
    }
}
