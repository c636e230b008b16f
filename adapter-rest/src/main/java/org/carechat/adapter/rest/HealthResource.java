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
    private final java.util.function.BooleanSupplier cluster;
    private final Clock clock;

    public HealthResource(StoreProbe store, Clock clock) {
        this(store, null, clock);
    }

    /** {@code cluster}: whether this node reaches the other nodes of its cluster; null for a server on its own. */
    public HealthResource(StoreProbe store, java.util.function.BooleanSupplier cluster, Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.clock = clock;
    }

    /**
     * {@code 200 {"status":"UP","store":"UP",...}} while the store answers, {@code 503 {"status":"DOWN",...}}
     * otherwise. A node of a cluster also says {@code "cluster":"UP"}, or {@code "DOWN"} with {@code "status":
     * "DEGRADED"} (still {@code 200}: it serves its own sockets, and they catch up once it reaches the others again).
     */
    @GET
    public Response health() {
        boolean up = storeAnswers();
        Boolean joined = cluster == null ? null : cluster.getAsBoolean();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", !up ? "DOWN" : Boolean.FALSE.equals(joined) ? "DEGRADED" : "UP");
        body.put("store", up ? "UP" : "DOWN");
        if (joined != null) {
            body.put("cluster", joined ? "UP" : "DOWN");
        }
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
