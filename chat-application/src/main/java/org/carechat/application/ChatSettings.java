package org.carechat.application;

import java.time.Duration;
import org.carechat.application.limits.RateLimits;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.care.BreakGlassPolicy;
import org.carechat.domain.care.CarePolicy;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.presence.TypingIndicator;
import org.carechat.domain.retention.RetentionPolicy;
import org.carechat.domain.call.Call;
import org.carechat.domain.user.Roles;

/**
 * The rules and limits an installation chooses. {@link #standard()} holds the defaults of the wire
 * contract.
 *
 * @param maxPageLimit     the most messages or conversations one page returns; larger requests are capped
 * @param typingTtl        how long a typing indicator lives without renewal
 * @param ringTimeout      how long a call rings before it ends as missed
 * @param maxSignalBytes   the largest SDP/ICE signal relayed between call parties (UTF-8 bytes)
 * @param callDisconnectGrace how long a party of a live call may have no open session before the call is ended
 * @param maxCallDuration  the longest a call may last once answered
 * @param rateLimits       how many requests a user may make, across every door and device together
 * @param breakGlass       how long break-glass access lasts, and whether the care team hears of it
 * @param retention        how long messages (forever by default) and audit entries (six years) are kept
 */
public record ChatSettings(MessageRules messageRules, AttachmentRules attachmentRules, CarePolicy carePolicy,
                           Roles roles, int maxPageLimit, Duration typingTtl, Duration ringTimeout,
                           int maxSignalBytes, Duration callDisconnectGrace, Duration maxCallDuration,
                           RateLimits rateLimits, BreakGlassPolicy breakGlass, RetentionPolicy retention) {
    public static final int DEFAULT_MAX_PAGE_LIMIT = 100;
    public static final int DEFAULT_MAX_SIGNAL_BYTES = 16 * 1024;

    public ChatSettings {
        if (maxPageLimit < 1 || maxSignalBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (rateLimits == null || breakGlass == null || retention == null) {
            throw new IllegalArgumentException("rateLimits, breakGlass and retention are required");
        }
        for (Duration duration : new Duration[] {typingTtl, ringTimeout, callDisconnectGrace, maxCallDuration}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }

    public static ChatSettings standard() {
        return new ChatSettings(MessageRules.standard(), AttachmentRules.standard(), CarePolicy.standard(),
                Roles.standard(), DEFAULT_MAX_PAGE_LIMIT, TypingIndicator.DEFAULT_TTL, Call.DEFAULT_RING_TIMEOUT,
                DEFAULT_MAX_SIGNAL_BYTES, Call.DEFAULT_DISCONNECT_GRACE, Call.DEFAULT_MAX_DURATION,
                RateLimits.standard(), BreakGlassPolicy.standard(), RetentionPolicy.standard());
    }

    public ChatSettings withMessageRules(MessageRules value) {
        return new ChatSettings(value, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withAttachmentRules(AttachmentRules value) {
        return new ChatSettings(messageRules, value, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withCarePolicy(CarePolicy value) {
        return new ChatSettings(messageRules, attachmentRules, value, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withRoles(Roles value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, value, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withMaxPageLimit(int value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, value, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withTypingTtl(Duration value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, value, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withRingTimeout(Duration value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, value,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withMaxSignalBytes(int value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                value, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withCallDisconnectGrace(Duration value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, value, maxCallDuration, rateLimits, breakGlass, retention);
    }

    public ChatSettings withMaxCallDuration(Duration value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, value, rateLimits, breakGlass, retention);
    }

    public ChatSettings withRateLimits(RateLimits value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, value, breakGlass, retention);
    }

    public ChatSettings withBreakGlass(BreakGlassPolicy value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, value, retention);
    }

    public ChatSettings withRetention(RetentionPolicy value) {
        return new ChatSettings(messageRules, attachmentRules, carePolicy, roles, maxPageLimit, typingTtl, ringTimeout,
                maxSignalBytes, callDisconnectGrace, maxCallDuration, rateLimits, breakGlass, value);
    }
}
