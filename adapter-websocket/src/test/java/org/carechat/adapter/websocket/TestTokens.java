package org.carechat.adapter.websocket;

import java.time.Clock;
import java.time.Instant;
import org.carechat.application.port.TokenVerifier;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.UserId;

/**
 * A token verifier for tests: accepts {@code test:<userId>:<role>:<expiryEpochSeconds>} while the expiry is
 * ahead of the clock, refuses everything else. The real JWT verifier is tested in its own module.
 */
final class TestTokens implements TokenVerifier {
    private final Clock clock;
    private final Roles roles = Roles.standard();

    TestTokens(Clock clock) {
        this.clock = clock;
    }

    static String token(String userId, String role, Instant expiresAt) {
        return "test:" + userId + ":" + role + ":" + expiresAt.getEpochSecond();
    }

    @Override
    public Result<Identity> verify(String token) {
        String[] parts = token.split(":", -1);
        if (parts.length != 4 || !parts[0].equals("test")) {
            return Result.err(new ChatFailure.Unauthorized("the token is not valid"));
        }
        Role role = roles.named(parts[2]).orElse(null);
        if (role == null) {
            return Result.err(new ChatFailure.Unauthorized("the token is not valid"));
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Result.err(new ChatFailure.Unauthorized("the token is not valid"));
        }
        if (!expiresAt.isAfter(clock.instant())) {
            return Result.err(new ChatFailure.Unauthorized("the token has expired"));
        }
        return Result.ok(new Identity(UserId.of(parts[1]), role, null, expiresAt));
    }
}
