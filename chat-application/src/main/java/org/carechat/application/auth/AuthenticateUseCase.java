package org.carechat.application.auth;

import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.Result;

/** Turns a bearer token into the identity of the caller, before anything else is done for them. */
public interface AuthenticateUseCase {

    Result<Identity> authenticate(String bearerToken);
}
