package org.carechat.adapter.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import org.carechat.application.retention.ClearConversationRetentionUseCase;
import org.carechat.application.retention.ClearConversationRetentionUseCase.ClearConversationRetention;
import org.carechat.application.retention.LiftLegalHoldUseCase;
import org.carechat.application.retention.LiftLegalHoldUseCase.LiftLegalHold;
import org.carechat.application.retention.ListLegalHoldsUseCase;
import org.carechat.application.retention.ListLegalHoldsUseCase.ListLegalHolds;
import org.carechat.application.retention.PlaceLegalHoldUseCase;
import org.carechat.application.retention.PlaceLegalHoldUseCase.PlaceLegalHold;
import org.carechat.application.retention.SetConversationRetentionUseCase;
import org.carechat.application.retention.SetConversationRetentionUseCase.ConversationRetention;
import org.carechat.application.retention.SetConversationRetentionUseCase.SetConversationRetention;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireException;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/legal-holds} and {@code /api/admin/conversations/{id}/retention}: legal holds, and a
 * conversation's own retention period. The use cases admit admins and services only ({@code 403} for anyone else).
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public final class RetentionResource {
    private static final Set<String> HOLD_FIELDS = Set.of("patientId", "conversationId", "reason");
    private static final Set<String> RETENTION_FIELDS = Set.of("days");

    private final PlaceLegalHoldUseCase place;
    private final LiftLegalHoldUseCase lift;
    private final ListLegalHoldsUseCase list;
    private final SetConversationRetentionUseCase set;
    private final ClearConversationRetentionUseCase clear;

    public RetentionResource(PlaceLegalHoldUseCase place, LiftLegalHoldUseCase lift, ListLegalHoldsUseCase list,
                             SetConversationRetentionUseCase set, ClearConversationRetentionUseCase clear) {
        this.place = place;
        this.lift = lift;
        this.list = list;
        this.set = set;
        this.clear = clear;
    }

    /** {@code 201} with the hold: {@code {patientId | conversationId, reason}}. */
    @POST
    @Path("legal-holds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(JsonNode body, @Context ContainerRequestContext request) {
        ClientData data = ClientData.of(body, HOLD_FIELDS);
        var command = new PlaceLegalHold(Callers.of(request), data.id("patientId", UserId::of),
                data.id("conversationId", ConversationId::of), data.text("reason"));
        return Response.status(Response.Status.CREATED).entity(WireResources.legalHold(place.place(command).orThrow()))
                .build();
    }

    /** {@code {items}}: every hold, newest first; only those not lifted with {@code active=true}. */
    @GET
    @Path("legal-holds")
    public JsonNode list(@QueryParam("active") String active, @Context ContainerRequestContext request) {
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw WireException.badRequest("active must be true or false");
        }
        return WireResources.legalHolds(list.list(new ListLegalHolds(Callers.of(request), "true".equals(active)))
                .orThrow());
    }

    /** Lifts the hold; answers it. */
    @DELETE
    @Path("legal-holds/{id}")
    public JsonNode lift(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return WireResources.legalHold(lift.lift(new LiftLegalHold(Callers.of(request),
                Query.requiredId(id, "hold id", value -> value))).orThrow());
    }

    /** Gives the conversation a period of its own, {@code {days}}; answers {@code {conversationId, days}}. */
    @PUT
    @Path("conversations/{id}/retention")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode set(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        ClientData data = ClientData.of(body, RETENTION_FIELDS);
        long days = data.requiredInteger("days");
        var command = new SetConversationRetention(Callers.of(request), conversation(id),
                days < Integer.MIN_VALUE || days > Integer.MAX_VALUE ? 0 : (int) days);
        return json(set.set(command).orThrow());
    }

    /** The deployment's period applies to the conversation again; answers {@code {conversationId, days: null}}. */
    @DELETE
    @Path("conversations/{id}/retention")
    public JsonNode clear(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return json(clear.clear(new ClearConversationRetention(Callers.of(request), conversation(id))).orThrow());
    }

    private static ConversationId conversation(String id) {
        return Query.requiredId(id, "conversation id", ConversationId::of);
    }

    private static JsonNode json(ConversationRetention retention) {
        var json = WireResources.fields(Map.of("conversationId", retention.conversationId().value()));
        json.put("days", retention.days());
        return json;
    }
}
