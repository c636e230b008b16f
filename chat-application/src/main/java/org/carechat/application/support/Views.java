package org.carechat.application.support;

import java.util.List;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Presence;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.carechat.domain.user.UserSummary;

/** Builds what a user sees of conversations, messages and people. */
public final class Views {
    /** Shown for a participant the directory no longer knows; never used by the care policy. */
    private static final Role UNKNOWN_ROLE = new Role("unknown", RoleKind.PATIENT);

    private final Directory directory;
    private final Presence presence;
    private final Messages messages;
    private final CareAccess access;

    public Views(Directory directory, Presence presence, Messages messages, CareAccess access) {
        this.directory = directory;
        this.presence = presence;
        this.messages = messages;
        this.access = access;
    }

    public MessageView message(Conversation conversation, Message message) {
        return new MessageView(message, conversation.statusOf(message));
    }

    public List<MessageView> messages(Conversation conversation, List<Message> list) {
        return list.stream().map(message -> message(conversation, message)).toList();
    }

    public UserSummary person(UserId id) {
        return new UserSummary(userOf(id), presence.find(id));
    }

    private UserSummary withoutPresence(UserId id) {
        return new UserSummary(userOf(id), PresenceState.offline(id));
    }

    private User userOf(UserId id) {
        return directory.find(id).orElseGet(() -> new User(id, id.value(), UNKNOWN_ROLE, null));
    }

    public UserSummary person(User user) {
        return new UserSummary(user, presence.find(user.id()));
    }

    /**
     * The conversation as {@code viewer} sees it. While the viewer may add to it, the others' presence shows;
     * once the care behind it ended, it no longer does (they show as offline, never seen): presence is for
     * contacts only.
     */
    public ConversationView conversation(Conversation conversation, User viewer) {
        boolean canSend = access.maySend(viewer, conversation).allowed();
        List<UserSummary> people = conversation.participants().stream()
                .map(id -> canSend || id.equals(viewer.id()) ? person(id) : withoutPresence(id))
                .toList();
        MessageView last = conversation.lastSeq() == 0 ? null
                : messages.before(conversation.id(), conversation.nextSeq(), 1).stream()
                        .findFirst().map(message -> message(conversation, message)).orElse(null);
        ParticipantState state = conversation.stateOf(viewer.id());
        return new ConversationView(conversation, people, last, conversation.unreadCountFor(viewer.id()),
                state.muted(), state.pinned(), canSend);
    }
}
