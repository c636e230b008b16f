package org.carechat.domain.user;

import org.carechat.domain.presence.PresenceState;

/** Someone as others see them: their directory entry and their presence. */
public record UserSummary(User user, PresenceState presence) {
}
