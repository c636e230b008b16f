package org.carechat.adapter.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.admin.ExportConversationUseCase;
import org.carechat.application.admin.ExportConversationUseCase.ConversationExport;
import org.carechat.application.admin.ExportConversationUseCase.ExportConversation;
import org.carechat.application.admin.OpenCareRelationshipUseCase;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.QueryAuditUseCase;
import org.carechat.application.admin.QueryAuditUseCase.QueryAudit;
import org.carechat.application.admin.RevokeCareRelationshipUseCase;
import org.carechat.application.admin.RevokeCareRelationshipUseCase.RevokeCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.application.breakglass.ReviewBreakGlassUseCase;
import org.carechat.application.breakglass.ReviewBreakGlassUseCase.ReviewBreakGlass;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.Timestamps;
import org.carechat.wire.WireException;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin}: the directory, the care relationships, the audit trail, the review of break-glass accesses and
 * the export of a conversation for the chart. The use cases admit
 * admins and services only ({@code 403} for anyone else).
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
    private static final Set<String> USER_FIELDS = Set.of("name", "role", "specialty");
    private static final Set<String> RELATIONSHIP_FIELDS =
            Set.of("patientId", "clinicianId", "appointmentId", "validFrom", "validUntil");

    private final UpsertUserUseCase upsertUser;
    private final OpenCareRelationshipUseCase openRelationship;
    private final RevokeCareRelationshipUseCase revokeRelationship;
    private final QueryAuditUseCase audit;
    private final ExportConversationUseCase export;
    private final ReviewBreakGlassUseCase breakGlass;
    private final Clock clock;

    public AdminResource(UpsertUserUseCase upsertUser, OpenCareRelationshipUseCase openRelationship,
                         RevokeCareRelationshipUseCase revokeRelationship, QueryAuditUseCase audit,
                         ExportConversationUseCase export, ReviewBreakGlassUseCase breakGlass, Clock clock) {
        this.upsertUser = upsertUser;
        this.openRelationship = openRelationship;
        this.revokeRelationship = revokeRelationship;
        this.audit = audit;
        this.export = export;
        this.breakGlass = breakGlass;
        this.clock = clock;
    }

    /** Creates or replaces the directory entry; answers it. {@code role} is an admin field here, not a server-owned one. */
    @PUT
    @Path("users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode upsertUser(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        UserId user = Query.requiredId(id, "user id", UserId::of);
        ClientData data = ClientData.of(body, USER_FIELDS);
        var command = new UpsertUser(actor, user, data.requiredText("name"), data.requiredText("role"), data.text("specialty"));
        return WireResources.user(upsertUser.upsert(command).orThrow());
    }

    /** Opens the relationship, or extends and re-opens the existing one; answers it. */
    @PUT
    @Path("care-relationships")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode openRelationship(JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        ClientData data = ClientData.of(body, RELATIONSHIP_FIELDS);
        var command = new OpenCareRelationship(actor, data.requiredId("patientId", UserId::of),
                data.requiredId("clinicianId", UserId::of), data.text("appointmentId"),
                Timestamps.parse(data.text("validFrom"), "validFrom"), Timestamps.parse(data.text("validUntil"), "validUntil"));
        return WireResources.careRelationship(openRelationship.open(command).orThrow(), clock.instant());
    }

    /** Revokes the relationship (the history stays readable); answers it. */
    @DELETE
    @Path("care-relationships")
    public JsonNode revokeRelationship(@QueryParam("patientId") String patientId,
                                       @QueryParam("clinicianId") String clinicianId,
                                       @Context ContainerRequestContext request) {
        var command = new RevokeCareRelationship(Callers.of(request), Query.requiredId(patientId, "patientId", UserId::of),
                Query.requiredId(clinicianId, "clinicianId", UserId::of));
        return WireResources.careRelationship(revokeRelationship.revoke(command).orThrow(), clock.instant());
    }

    /** {@code {items}}: entries by this user, touching this target ({@code conversation:c_1}), in [from, to), newest first. */
    @GET
    @Path("audit")
    public JsonNode audit(@QueryParam("userId") String userId, @QueryParam("target") String target,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        var command = new QueryAudit(Callers.of(request), Query.id(userId, "userId", UserId::of),
                target == null || target.isEmpty() ? null : Query.text(target, "target"),
                Query.time(from, "from"), Query.time(to, "to"), Query.limit(limit));
        return WireResources.auditEntries(audit.query(command).orThrow());
    }

    /**
     * {@code {items}}: break-glass accesses opened (or refused) in [from, to), to one patient's conversations when
     * {@code patientId} is given, newest first, for post-review.
     */
    @GET
    @Path("break-glass")
    public JsonNode breakGlass(@QueryParam("patientId") String patientId, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("limit") String limit,
                               @Context ContainerRequestContext request) {
        var command = new ReviewBreakGlass(Callers.of(request), Query.id(patientId, "patientId", UserId::of),
                Query.time(from, "from"), Query.time(to, "to"), Query.limit(limit));
        return WireResources.breakGlassRecords(breakGlass.review(command).orThrow());
    }

    /**
     * A page of the conversation for the chart, as a FHIR R4 Bundle ({@code format=fhir}, the only format): the
     * messages after seq {@code after}, at most {@code limit} (1,000 by default and at most), and a {@code next}
     * link while there are more. See {@link FhirBundles} for what each Communication holds.
     */
    @GET
    @Path("conversations/{id}/export")
    @Produces({FhirBundles.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response export(@PathParam("id") String id, @QueryParam("format") String format,
                           @QueryParam("after") String after, @QueryParam("limit") String limit,
                           @Context UriInfo uri, @Context ContainerRequestContext request) {
        if (!"fhir".equals(format)) {
            throw WireException.badRequest("format must be fhir (a FHIR R4 Bundle of Communication resources)");
        }
        var command = new ExportConversation(Callers.of(request), Query.requiredId(id, "conversation id", ConversationId::of),
                Query.seq(after, "after"), Query.limit(limit));
        ConversationExport page = export.export(command).orThrow();
        URI next = page.nextAfterSeq() == null ? null
                : uri.getRequestUriBuilder().replaceQueryParam("after", page.nextAfterSeq()).build();
        URI attachments = uri.getBaseUriBuilder().path("api/chat/attachments/").build();
        return Response.ok(FhirBundles.bundle(page, uri.getRequestUri(), next, attachments, clock.instant()),
                FhirBundles.MEDIA_TYPE).build();
    }
}
