package org.carechat.adapter.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.UUID;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireException;

/**
 * The one place where anything that goes wrong becomes an answer: the core's refusals, the wire's
 * refusals of bad client data, Jersey's own refusals (unknown route, wrong method, wrong media type) and
 * bugs. A bug is logged with a random reference and answered {@code 500} with nothing of its insides.
 * Every answer is counted by its code.
 */
final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = System.getLogger(ProblemMapper.class.getName());

    private final Metrics metrics;

    ProblemMapper(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Problem problem = problemOf(thrown);
        metrics.error(problem.code());
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.body());
        switch (problem.status()) {
            case 401 -> response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"carechat\"");
            // the rest of a body refused for its size is not worth reading: the connection goes
            case 413 -> response.header("Connection", "close");
            case 429 -> response.header(HttpHeaders.RETRY_AFTER,
                    new ChatFailure.RateLimited(problem.retryAfterMs()).retryAfterSeconds());
            case 405 -> {
                if (thrown instanceof WebApplicationException wae) {
                    String allow = wae.getResponse().getHeaderString(HttpHeaders.ALLOW);
                    if (allow != null) {
                        response.header(HttpHeaders.ALLOW, allow);
                    }
                }
            }
            default -> {
            }
        }
        return response.build();
    }

    private Problem problemOf(Throwable thrown) {
        // Jersey may wrap what a filter, a reader or a resource threw; the refusal inside decides
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return Problem.of(refusal.failure());
            }
            if (cause instanceof WireException wire) {
                return new Problem(400, wire.code(), wire.getMessage());
            }
        }
        if (thrown instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            int status = wae.getResponse().getStatus();
            return new Problem(status, Problem.codeOf(status), detailOf(status, wae));
        }
        if (thrown instanceof WebApplicationException wae && wae.getResponse().getStatus() == 503) {
            return new Problem(503, ErrorCode.UNAVAILABLE, "the service is unavailable, try again");
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "unexpected failure, reference " + reference, thrown);
        return new Problem(500, ErrorCode.INTERNAL, "an unexpected error occurred (reference " + reference + ")");
    }

    /** Jersey's own refusals say what went wrong in our words, never in the framework's. */
    private static String detailOf(int status, WebApplicationException wae) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "no such resource";
            case 405 -> {
                String allow = wae.getResponse().getHeaderString(HttpHeaders.ALLOW);
                yield allow == null ? "this method is not allowed here"
                        : "this method is not allowed here; allowed: " + allow.toUpperCase(Locale.ROOT);
            }
            case 406 -> "this resource cannot answer in any of the accepted media types";
            case 415 -> "unsupported Content-Type; JSON endpoints take application/json";
            default -> Problem.titleOf(status);
        };
    }
}
