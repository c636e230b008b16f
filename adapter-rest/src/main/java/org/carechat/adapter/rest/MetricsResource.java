package org.carechat.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.wire.Metrics;

/** {@code GET /metrics} in the Prometheus text format; open, or behind its own bearer token when one is configured. */
@Path("/metrics")
public final class MetricsResource {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;
    private final byte[] token;

    /** {@code token} null leaves {@code /metrics} open. */
    public MetricsResource(Metrics metrics, String token) {
        this.metrics = metrics;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @GET
    public Response metrics(@Context ContainerRequestContext request) {
        if (token != null) {
            String presented = AuthenticationFilter.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
            if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
                throw new Refusal(new ChatFailure.Unauthorized("the metrics token is missing or wrong"));
            }
        }
        return Response.ok(metrics.render(), PROMETHEUS_TEXT).build();
    }
}
