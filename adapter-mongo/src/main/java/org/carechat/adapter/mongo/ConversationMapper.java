package org.carechat.adapter.mongo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.user.UserId;

/**
 * A conversation as a document. Participants keep their order; each participant's cursors are an element
 * of the {@code states} array rather than a field named after the user, so a user id never becomes a field
 * path. {@code directKey} (the pair in a fixed order) is what makes a direct conversation unique. {@code v} is the
 * version that compare-and-sets compare: a fingerprint of the rest ({@link ContentVersion}).
 */
final class ConversationMapper {
    static final String ID = "_id";
    static final String PARTICIPANTS = "participants";
    static final String STATES = "states";
    static final String USER = "user";
    static final String DELIVERED_SEQ = "deliveredSeq";
    static final String READ_SEQ = "readSeq";
    static final String MUTED = "muted";
    static final String PINNED = "pinned";
    static final String LAST_SEQ = "lastSeq";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String DIRECT_KEY = "directKey";
    static final String VERSION = ContentVersion.FIELD;

    private ConversationMapper() {
    }

    static Document toDocument(Conversation conversation) {
        List<String> participants = conversation.participants().stream().map(UserId::value).toList();
        List<Document> states = new ArrayList<>();
        for (UserId participant : conversation.participants()) {
            ParticipantState state = conversation.stateOf(participant);
            states.add(new Document(USER, participant.value())
                    .append(DELIVERED_SEQ, state.deliveredSeq())
                    .append(READ_SEQ, state.readSeq())
                    .append(MUTED, state.muted())
                    .append(PINNED, state.pinned()));
        }
        Document document = new Document(ID, conversation.id().value())
                .append(PARTICIPANTS, participants)
                .append(STATES, states)
                .append(LAST_SEQ, conversation.lastSeq())
                .append(CREATED_AT, Fields.date(conversation.createdAt()))
                .append(UPDATED_AT, Fields.date(conversation.updatedAt()));
        if (conversation.participants().size() == 2) {
            document.append(DIRECT_KEY, conversation.directKey());
        }
        return ContentVersion.stamp(document);
    }

    static Conversation fromDocument(Document document) {
        List<UserId> participants = Fields.strings(document, PARTICIPANTS).stream().map(UserId::of).toList();
        Map<UserId, ParticipantState> states = new LinkedHashMap<>();
        for (Document state : Fields.documents(document, STATES)) {
            states.put(UserId.of(Fields.requiredString(state, USER)), new ParticipantState(
                    Fields.longValue(state, DELIVERED_SEQ), Fields.longValue(state, READ_SEQ),
                    Fields.booleanValue(state, MUTED), Fields.booleanValue(state, PINNED)));
        }
        return new Conversation(ConversationId.of(Fields.requiredString(document, ID)), participants, states,
                Fields.longValue(document, LAST_SEQ), Fields.requiredInstant(document, CREATED_AT),
                Fields.requiredInstant(document, UPDATED_AT));
    }
}
