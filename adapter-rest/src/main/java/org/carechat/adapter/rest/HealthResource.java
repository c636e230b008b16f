package org.carechat.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.carechat.application.port.StoreProbe;
import org.carechat.wire.Timestamps;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /health} for load balancers and orchestrators; no token. */
@Path("/health")
public final class HealthResource {
    private static final Logger LOG = System.getLogger(HealthResource.class.getName());

    private final StoreProbe store;
    private final Clock clock;

    public HealthResource(StoreProbe store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code 200 {"status":"UP","store":"UP",...}} while the store answers, {@code 503 {"status":"DOWN",...}} otherwise. */
    @GET
    public Response health() {
        boolean up = storeAnswers();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.put("store", up ? "UP" : "DOWN");
        body.put("checkedAt", Timestamps.format(clock.instant()));
        return Response.status(up ? 200 : 503)
                .type(MediaType.APPLICATION_JSON)
                .entity(body)
                .build();
    }

    private boolean storeAnswers() {
        try {
            return store.answers();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the store probe failed: " + e.getClass().getSimpleName());
            return false;
        }
    }
}
