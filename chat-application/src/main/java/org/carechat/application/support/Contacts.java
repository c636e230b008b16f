package org.carechat.application.support;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * A user's contacts: the people the care policy lets them converse with now. That is everyone an active
 * care relationship links them to, and the people they share a conversation with while the policy still
 * allows it (a care-team consult between clinicians). Contacts see each other's presence; once a
 * relationship ends, its two people stop seeing each other's, although their conversation stays readable.
 */
public final class Contacts {
    private final Conversations conversations;
    private final CareRelationships relationships;
    private final Directory directory;
    private final CareAccess access;
    private final Clock clock;

    public Contacts(Conversations conversations, CareRelationships relationships, Directory directory, CareAccess access,
                    Clock clock) {
        this.conversations = conversations;
        this.relationships = relationships;
        this.directory = directory;
        this.access = access;
        this.clock = clock;
    }

    public Set<UserId> of(UserId user) {
        Set<UserId> contacts = new LinkedHashSet<>();
        // everyone a relationship links the user to, active or not, is settled by it: no need to ask the policy
        Set<UserId> settled = new HashSet<>();
        for (CareRelationship relationship : relationships.involving(user)) {
            settled.add(relationship.counterpartOf(user));
            if (relationship.isActiveAt(clock.instant())) {
                contacts.add(relationship.counterpartOf(user));
            }
        }
        Optional<User> self = directory.find(user);
        if (self.isEmpty() || !self.get().role().isClinician()) {
            // a patient converses only through care relationships
            return contacts;
        }
        for (Conversation conversation : conversations.ofParticipant(user)) {
            for (UserId other : conversation.othersThan(user)) {
                if (!settled.contains(other) && settled.add(other) && access.mayConverse(self.get(), other).allowed()) {
                    contacts.add(other);
                }
            }
        }
        return contacts;
    }
}
