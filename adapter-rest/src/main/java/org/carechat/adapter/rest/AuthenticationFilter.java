package org.carechat.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.limits.RequestBudgets;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;

/**
 * Every request needs a valid bearer token, except the few open doors (health, metrics with its own
 * token, the OpenAPI document), and a request left in its user's budget (shared with their sockets). It runs before routing, so that a caller without a token learns
 * nothing, not even which routes exist. The actor it proves is the token's {@code sub}, never a
 * field of the body.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {
    private static final Logger LOG = System.getLogger(AuthenticationFilter.class.getName());
    static final Set<String> OPEN_PATHS = Set.of("health", "metrics", "api/openapi.json");

    private final AuthenticateUseCase authenticate;
    private final RequestBudgets budgets;

    AuthenticationFilter(AuthenticateUseCase authenticate, RequestBudgets budgets) {
        this.authenticate = authenticate;
        this.budgets = budgets;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (OPEN_PATHS.contains(pathOf(request))) {
            return;
        }
        Result<Identity> identity = authenticate.authenticate(bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        if (!identity.isOk()) {
            // what was asked and why it was refused, never the token (the core audits the refusal too)
            // the path as sent, still percent-encoded: a decoded %0A would forge a second log line
            LOG.log(Level.INFO, () -> "request refused: " + identity.failure().kind().name().toLowerCase(Locale.ROOT) + " "
                    + request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath());
            throw new Refusal(identity.failure());
        }
        Identity proven = identity.orThrow();
        Actor actor = Actor.of(proven.userId(), proven.role());
        // the same budget as the user's sockets: switching doors buys nothing
        long retryAfterMs = budgets.admit(actor);
        if (retryAfterMs > 0) {
            throw new Refusal(new ChatFailure.RateLimited(retryAfterMs));
        }
        request.setProperty(Callers.ACTOR_PROPERTY, actor);
    }

    static String pathOf(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null when there is none. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
