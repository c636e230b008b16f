package org.carechat.application.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.Presence;
import org.carechat.application.support.Audit;
import org.carechat.application.support.Contacts;
import org.carechat.application.support.Outcomes;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.common.Text;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.carechat.domain.user.UserSummary;

/** Presence: sessions coming and going, statuses, and who may see whose. */
public final class PresenceService implements OpenSessionUseCase, CloseSessionUseCase, SetStatusUseCase,
        QueryPresenceUseCase, ListContactsUseCase {
    public static final int MAX_PRESENCE_QUERY = 200;
    public static final int MAX_QUERY_LENGTH = 200;

    private final Presence presence;
    private final Contacts contacts;
    private final CareRelationships relationships;
    private final Directory directory;
    private final Views views;
    private final Notifier notifier;
    private final Audit audit;
    private final Clock clock;

    public PresenceService(Presence presence, Contacts contacts, CareRelationships relationships, Directory directory,
                           Views views, Notifier notifier, Audit audit, Clock clock) {
        this.presence = presence;
        this.contacts = contacts;
        this.relationships = relationships;
        this.directory = directory;
        this.views = views;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Result<PresenceState> open(Actor actor) {
        return Outcomes.attempt(() -> {
            PresenceState state = presence.connected(actor.id(), clock.instant());
            if (state.sessions() == 1) {
                tellContacts(state);
            }
            return state;
        });
    }

    @Override
    public Result<PresenceState> close(Actor actor) {
        return Outcomes.attempt(() -> {
            PresenceState state = presence.disconnected(actor.id(), clock.instant());
            if (!state.isOnline()) {
                tellContacts(state);
            }
            return state;
        });
    }

    @Override
    public Result<PresenceState> lost(PresenceState state) {
        return Outcomes.attempt(() -> {
            if (!state.isOnline()) {
                tellContacts(state);
            }
            return state;
        });
    }

    @Override
    public Result<PresenceState> setStatus(SetStatus command) {
        return Outcomes.attempt(() -> {
            if (command.status() == null) {
                throw Refusal.invalid("status must be available, busy or away");
            }
            PresenceState state = presence.setStatus(command.actor().id(), command.status(), clock.instant());
            tellContacts(state);
            return state;
        });
    }

    @Override
    public Result<List<PresenceState>> query(QueryPresence command) {
        // who is online reveals who treats whom: audited like a read of health data
        return audit.run(command.actor(), AuditAction.PRESENCE_READ, unit -> {
            if (command.userIds().size() > MAX_PRESENCE_QUERY) {
                throw Refusal.invalid("ask for at most " + MAX_PRESENCE_QUERY + " users at once");
            }
            Set<UserId> visible = contacts.of(command.actor().id());
            List<PresenceState> found = command.userIds().stream().distinct().filter(visible::contains)
                    .map(presence::find).toList();
            found.forEach(state -> unit.add("user", state.user()));
            return found;
        });
    }

    @Override
    public Result<List<UserSummary>> contacts(ListContacts command) {
        return audit.run(command.actor(), AuditAction.CONTACTS_READ, unit -> {
            Text.requireWellFormed(command.query(), "query");
            Text.requireWellFormed(command.role(), "role");
            String query = command.query() == null ? "" : command.query().strip().toLowerCase(Locale.ROOT);
            if (query.length() > MAX_QUERY_LENGTH) {
                throw Refusal.invalid("query must be at most " + MAX_QUERY_LENGTH + " characters");
            }
            String role = command.role() == null || command.role().isBlank() ? null
                    : command.role().strip().toLowerCase(Locale.ROOT);
            List<UserSummary> result = new ArrayList<>();
            for (CareRelationship relationship : relationships.involving(command.actor().id())) {
                if (!relationship.isActiveAt(clock.instant())) {
                    continue;
                }
                Optional<User> other = directory.find(relationship.counterpartOf(command.actor().id()));
                other.filter(user -> role == null || user.role().name().equals(role))
                        .filter(user -> query.isEmpty() || user.name().toLowerCase(Locale.ROOT).contains(query))
                        .filter(user -> result.stream().noneMatch(known -> known.user().id().equals(user.id())))
                        .ifPresent(user -> result.add(views.person(user)));
            }
            result.forEach(summary -> unit.add("user", summary.user().id()));
            return result;
        });
    }

    private void tellContacts(PresenceState state) {
        notifier.notify(contacts.of(state.user()), new ChatEvent.StatusChanged(state), null);
    }
}
