package org.carechat.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carechat.application.Actor;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.limits.RequestBudgets;
import org.carechat.application.port.TokenVerifier;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.wire.WireException;

/**
 * Every request needs a valid bearer token, except the few open doors (health, metrics with its own
 * token, the OpenAPI document), and a request left in its user's budget (shared with their sockets). It runs before routing, so that a caller without a token learns
 * nothing, not even which routes exist. The actor it proves is the token's {@code sub}, never a
 * field of the body.
 *
 * <p>One door takes a short-lived link instead of the token: {@code GET /api/chat/attachments/{id}?link=...}
 * (see {@link AttachmentLinks}), for what a browser fetches by itself. The link proves the person it was handed
 * to, who is then checked against the directory, held to their request budget and refused the same way a token
 * would be (a bad link is audited as a refused authentication). A request carrying both a bearer token and a link
 * is refused ({@code 400}): which of the two it meant is not for the server to guess.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {
    private static final Logger LOG = System.getLogger(AuthenticationFilter.class.getName());
    static final Set<String> OPEN_PATHS = Set.of("health", "metrics", "api/openapi.json");
    /** The query parameter of a download that carries a link instead of a token. */
    static final String LINK_PARAMETER = "link";
    /** The attachment id (as in the path) whose link the request carried, once the link proved who calls. */
    static final String LINK_ATTACHMENT_PROPERTY = "org.carechat.link-attachment";
    static final String TOKEN_AND_LINK = "send either a bearer token or a link, not both";
    private static final Pattern DOWNLOAD = Pattern.compile("api/chat/attachments/([^/]+)/?");

    private final AuthenticateUseCase authenticate;
    private final RequestBudgets budgets;
    private final AttachmentLinks links;
    private final Function<TokenVerifier, AuthenticateUseCase> authenticateWith;

    /**
     * @param authenticateWith the authentication use case over another verifier (of links): the directory check and
     *                         the audit of refusals stay the core's
     */
    AuthenticationFilter(AuthenticateUseCase authenticate, RequestBudgets budgets, AttachmentLinks links,
                         Function<TokenVerifier, AuthenticateUseCase> authenticateWith) {
        this.authenticate = authenticate;
        this.budgets = budgets;
        this.links = links;
        this.authenticateWith = authenticateWith;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = pathOf(request);
        if (OPEN_PATHS.contains(path)) {
            return;
        }
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        List<String> link = request.getUriInfo().getQueryParameters().get(LINK_PARAMETER);
        Matcher download = DOWNLOAD.matcher(path);
        Result<Identity> identity;
        String linked = null;
        if (link != null && "GET".equals(request.getMethod()) && download.matches()) {
            if (token != null) {
                throw WireException.badRequest(TOKEN_AND_LINK);
            }
            linked = download.group(1);
            // an empty or repeated link is a malformed one, not a missing token
            String presented = link.size() == 1 && !link.get(0).isBlank() ? link.get(0) : "-";
            identity = authenticateWith.apply(links.verifierFor(linked)).authenticate(presented);
        } else {
            identity = authenticate.authenticate(token);
        }
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
        if (linked != null) {
            request.setProperty(LINK_ATTACHMENT_PROPERTY, linked);
        }
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
