package org.carechat.application.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.carechat.application.port.Directory;
import org.carechat.application.port.TokenVerifier;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.application.support.Audit;
import org.carechat.application.support.Outcomes;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Who is calling. The token proves the subject; the directory is the authority on the people who converse:
 * a patient or clinician the directory does not know is refused, and the directory's role wins over the
 * token's. Administrators and services may be outside the directory (they are how it gets filled). Every
 * refusal is audited, under {@link #ANONYMOUS} when no valid token named anybody; never the token itself.
 */
public final class AuthenticateService implements AuthenticateUseCase {
    /** The actor of the audit entry of a refused token, which proves nobody. */
    public static final UserId ANONYMOUS = UserId.of("anonymous");

    private final TokenVerifier verifier;
    private final Directory directory;
    private final Audit audit;

    public AuthenticateService(TokenVerifier verifier, Directory directory, Audit audit) {
        this.verifier = verifier;
        this.directory = directory;
        this.audit = audit;
    }

    @Override
    public Result<Identity> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return refused(ANONYMOUS, new ChatFailure.Unauthorized("a bearer token is required"));
        }
        Result<Identity> verified = verifier.verify(bearerToken.strip());
        if (!verified.isOk()) {
            return refused(ANONYMOUS, verified.failure());
        }
        Identity token = verified.orThrow();
        Result<Identity> known = Outcomes.attempt(() -> asTheDirectorySays(token));
        if (!known.isOk() && known.failure() instanceof ChatFailure.Unauthorized) {
            return refused(token.userId(), known.failure());
        }
        return known;
    }

    private Identity asTheDirectorySays(Identity token) {
        Optional<User> entry = directory.find(token.userId());
        if (entry.isPresent()) {
            User user = entry.get();
            return new Identity(user.id(), user.role(), user.name(), token.expiresAt());
        }
        if (token.role().administers()) {
            return token;
        }
        throw new Refusal(new ChatFailure.Unauthorized("the user is not known to the directory"));
    }

    private Result<Identity> refused(UserId actor, ChatFailure failure) {
        Outcomes.attempt(() -> {
            audit.record(actor, AuditAction.AUTHENTICATION, List.of(), failure.kind().name().toLowerCase(Locale.ROOT));
            return actor;
        });
        return Result.err(failure);
    }
}
