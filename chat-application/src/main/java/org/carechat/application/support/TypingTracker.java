package org.carechat.application.support;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.Timers;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.presence.TypingIndicator;
import org.carechat.domain.user.UserId;

/**
 * Who is typing where. Ephemeral: an indicator lives until stopped, until its author sends a message,
 * or until it expires without renewal; the others hear of the start and of the stop once each.
 */
public final class TypingTracker {
    private final ConcurrentMap<Key, Entry> typing = new ConcurrentHashMap<>();
    private final Timers timers;
    private final Clock clock;
    private final Notifier notifier;
    private final Duration ttl;

    public TypingTracker(Timers timers, Clock clock, Notifier notifier, Duration ttl) {
        this.timers = timers;
        this.clock = clock;
        this.notifier = notifier;
        this.ttl = ttl;
    }

    public void start(Conversation conversation, UserId user) {
        Key key = new Key(conversation.id(), user);
        List<UserId> others = conversation.othersThan(user);
        Entry fresh = new Entry(TypingIndicator.started(conversation.id(), user, clock.instant(), ttl), others);
        Entry previous = typing.put(key, fresh);
        fresh.expiry = timers.schedule(ttl, () -> expire(key, fresh));
        if (previous != null) {
            previous.expiry.cancel();
        } else {
            notifier.notify(others, new ChatEvent.TypingStarted(conversation.id(), user), null);
        }
    }

    public void stop(ConversationId conversation, UserId user) {
        Entry entry = typing.remove(new Key(conversation, user));
        if (entry != null) {
            entry.expiry.cancel();
            notifier.notify(entry.others, new ChatEvent.TypingStopped(conversation, user), null);
        }
    }

    public boolean isTyping(ConversationId conversation, UserId user) {
        return typing.containsKey(new Key(conversation, user));
    }

    private void expire(Key key, Entry entry) {
        if (typing.remove(key, entry)) {
            notifier.notify(entry.others, new ChatEvent.TypingStopped(key.conversation(), key.user()), null);
        }
    }

    private record Key(ConversationId conversation, UserId user) {
    }

    private static final class Entry {
        final TypingIndicator indicator;
        final List<UserId> others;
        volatile Timers.Scheduled expiry = () -> { };

        Entry(TypingIndicator indicator, List<UserId> others) {
            this.indicator = indicator;
            this.others = others;
        }
    }
}
