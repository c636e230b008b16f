package org.carechat.application.port.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.carechat.application.port.TokenVerifier;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.UserId;

/**
 * A stand-in for the JWT verifier (tested in adapter-jwt), shared by the adapters' tests: a token
 * {@code test:<userId>:<role>:<expiryEpochSeconds>} proves that user and role until its expiry on the given
 * clock; anything else is refused.
 */
public final class TestTokens implements TokenVerifier {
    private final Clock clock;
    private final Roles roles = Roles.standard();

    public TestTokens(Clock clock) {
        this.clock = clock;
    }

    public static String token(String userId, String role, Instant expiry) {
        return "test:" + userId + ":" + role + ":" + expiry.getEpochSecond();
    }

    @Override
    public Result<Identity> verify(String token) {
        String[] parts = token.split(":", -1);
        if (parts.length != 4 || !parts[0].equals("test")) {
            return Result.err(new ChatFailure.Unauthorized("the token is not valid"));
        }
        Optional<Role> role = roles.named(parts[2]);
        if (role.isEmpty() || !org.carechat.domain.common.Ids.isWellFormed(parts[1])) {
            return Result.err(new ChatFailure.Unauthorized("the token is not valid"));
        }
        Instant expiry;
        try {
            expiry = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Result.err(new ChatFailure.Unauthorized("the token is not valid"));
        }
        if (!expiry.isAfter(clock.instant())) {
            return Result.err(new ChatFailure.Unauthorized("the token has expired"));
        }
        return Result.ok(new Identity(UserId.of(parts[1]), role.get(), null, expiry));
    }
}
