package org.carechat.application.conversation;

import java.util.List;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Notifier;
import org.carechat.application.support.ConversationLocks;
import org.carechat.application.support.Outcomes;
import org.carechat.application.support.Views;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.user.UserId;

/**
 * Tells the two people of a care relationship that administration changed it (opened, extended, revoked):
 * each gets their direct conversation as they now see it ({@code conversation_updated} on every device),
 * so a client learns at once whether it may still send there ({@code canSend}) instead of at its next
 * refused message. Without a direct conversation there is nothing to tell.
 */
public final class CareChangeNotices {
    private final Conversations conversations;
    private final Directory directory;
    private final Views views;
    private final ConversationLocks locks;
    private final Notifier notifier;

    public CareChangeNotices(Conversations conversations, Directory directory, Views views, ConversationLocks locks,
                             Notifier notifier) {
        this.conversations = conversations;
        this.directory = directory;
        this.views = views;
        this.locks = locks;
        this.notifier = notifier;
    }

    /** The relationship as it was just stored: its pair's direct conversation is shown to each of them again. */
    public void careChanged(CareRelationship relationship) {
        // best effort, like every fan-out: the change is stored, a store that does not answer now tells nobody
        Outcomes.attempt(() -> {
            conversations.findDirect(relationship.patient(), relationship.clinician()).ifPresent(found ->
                    // read and told under the conversation's lock: the view is not overtaken by a change told
                    // before it (a read on another device, a message), so the last one a device gets is current
                    locks.whileHolding(found.id(), () -> conversations.find(found.id()).ifPresent(this::tellEach)));
            return relationship;
        });
    }

    private void tellEach(Conversation conversation) {
        for (UserId participant : conversation.participants()) {
            // someone the directory no longer knows cannot connect: there is no device to tell
            directory.find(participant).ifPresent(viewer -> notifier.notify(List.of(participant),
                    new ChatEvent.ConversationUpdated(views.conversation(conversation, viewer)), null));
        }
    }
}
