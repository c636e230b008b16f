package org.carechat.application.auth;

import org.carechat.application.port.TokenVerifier;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;

/** Refuses a missing token outright; every other check is the verifier's. */
public final class AuthenticateService implements AuthenticateUseCase {
    private final TokenVerifier verifier;

    public AuthenticateService(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Result<Identity> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Result.err(new ChatFailure.Unauthorized("a bearer token is required"));
        }
        return verifier.verify(bearerToken.strip());
    }
}
