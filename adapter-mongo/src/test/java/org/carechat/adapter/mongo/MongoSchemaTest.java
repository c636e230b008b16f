package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import org.bson.Document;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoSchemaTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00Z");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");
    private static final UserId PATIENT = UserId.of("p1");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void messages_stored_before_places_existed_get_them_and_their_history_reads_and_continues() {
        MongoStoreSettings settings = mongo.freshSettings();
        MongoDatabase database = mongo.adminClient().getDatabase(settings.databaseName());
        MongoCollection<Document> messages = database.getCollection(MongoIndexes.MESSAGES);
        for (int seq = 1; seq <= 3; seq++) {
            Document version1 = MessageMapper.toDocument(draft("m_" + seq).at(seq));
            version1.remove(MessageMapper.PLACE);
            version1.put(MessageMapper.VERSION, 0L);
            messages.insertOne(version1);
        }

        try (MongoStore store = MongoStore.open(settings)) {
            assertThat(store.messages().before(CONVERSATION, Long.MAX_VALUE, 10)).extracting(Message::seq)
                    .containsExactly(3L, 2L, 1L);
            assertThat(store.messages().append(draft("m_4")).message().seq()).isEqualTo(4);
        }
        assertThat(messages.find(new Document(MessageMapper.ID, "m_2")).first().getString(MessageMapper.PLACE))
                .isEqualTo("c_1|2");
        assertThat(database.getCollection(MongoSchema.COLLECTION).find().first().getInteger("version"))
                .isEqualTo(MongoSchema.VERSION);
    }

    @Test
    void a_database_of_a_newer_version_is_refused_and_left_as_it_was() {
        MongoStoreSettings settings = mongo.freshSettings();
        MongoDatabase database = mongo.adminClient().getDatabase(settings.databaseName());
        database.getCollection(MongoSchema.COLLECTION).insertOne(new Document("_id", "carechat")
                .append("version", MongoSchema.VERSION + 1));

        assertThatThrownBy(() -> MongoStore.open(settings)).hasMessageContaining("newer CareChat")
                .hasMessageContaining("version " + (MongoSchema.VERSION + 1));
        assertThat(database.getCollection(MongoSchema.COLLECTION).find().first().getInteger("version"))
                .isEqualTo(MongoSchema.VERSION + 1);
        assertThat(database.getCollection(MongoIndexes.MESSAGES).listIndexes().into(new java.util.ArrayList<>()))
                .as("no index created either").isEmpty();
    }

    @Test
    void a_new_database_is_marked_current_once_and_opening_it_again_changes_nothing() {
        MongoStoreSettings settings = mongo.freshSettings();
        MongoDatabase database = mongo.adminClient().getDatabase(settings.databaseName());
        try (MongoStore store = MongoStore.open(settings)) {
            store.messages().append(draft("m_1"));
        }
        try (MongoStore again = MongoStore.open(settings)) {
            assertThat(again.messages().after(CONVERSATION, 0, 10)).extracting(Message::seq).containsExactly(1L);
        }
        assertThat(database.getCollection(MongoSchema.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(database.getCollection(MongoSchema.COLLECTION).find().first().getInteger("version"))
                .isEqualTo(MongoSchema.VERSION);
    }

    @Test
    void uploads_of_a_version_2_database_that_no_message_carries_count_as_unreferenced_since_their_upload() {
        MongoStoreSettings settings = mongo.freshSettings();
        MongoDatabase database = mongo.adminClient().getDatabase(settings.databaseName());
        database.getCollection(MongoSchema.COLLECTION).insertOne(new Document("_id", "carechat").append("version", 2));
        Attachment sent = new Attachment(AttachmentId.of("a_sent"), PATIENT, "lab.pdf", "application/pdf", 10, T0);
        Attachment unsent = new Attachment(AttachmentId.of("a_unsent"), PATIENT, "scan.png", "image/png", 20,
                T0.plusSeconds(5));
        MongoCollection<Document> attachments = database.getCollection(MongoIndexes.ATTACHMENTS);
        for (Attachment upload : new Attachment[] {sent, unsent}) {
            Document version2 = AttachmentMapper.toDocument(upload);
            version2.remove(AttachmentMapper.UNREFERENCED_SINCE);
            attachments.insertOne(version2);
        }
        Document carrying = MessageMapper.toDocument(new MessageDraft(MessageId.of("m_1"), CONVERSATION, PATIENT,
                MessageType.FILE, null, sent.ref(), null, null, T0, null).at(1));
        database.getCollection(MongoIndexes.MESSAGES).insertOne(carrying);

        try (MongoStore store = MongoStore.open(settings)) {
            assertThat(store.attachments().find(sent.id())).contains(sent.referenced());
            assertThat(store.attachments().find(unsent.id())).contains(unsent);
            assertThat(store.attachments().unreferencedBefore(T0.plusSeconds(3600), 10)).containsExactly(unsent);
        }
        assertThat(database.getCollection(MongoSchema.COLLECTION).find().first().getInteger("version"))
                .isEqualTo(MongoSchema.VERSION);
    }

    private static MessageDraft draft(String id) {
        return new MessageDraft(MessageId.of(id), CONVERSATION, PATIENT, MessageType.TEXT, "hello", null, null, null,
                T0, null);
    }
}
