package org.carechat.application.support;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Conversations;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * A user's contacts: everyone they share a conversation with, and everyone an active care relationship
 * links them to. Contacts see each other's presence.
 */
public final class Contacts {
    private final Conversations conversations;
    private final CareRelationships relationships;
    private final Clock clock;

    public Contacts(Conversations conversations, CareRelationships relationships, Clock clock) {
        this.conversations = conversations;
        this.relationships = relationships;
        this.clock = clock;
    }

    public Set<UserId> of(UserId user) {
        Set<UserId> contacts = new LinkedHashSet<>();
        for (Conversation conversation : conversations.ofParticipant(user)) {
            contacts.addAll(conversation.othersThan(user));
        }
        for (CareRelationship relationship : relationships.involving(user)) {
            if (relationship.isActiveAt(clock.instant())) {
                contacts.add(relationship.counterpartOf(user));
            }
        }
        return contacts;
    }
}
