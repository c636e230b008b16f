package org.carechat.adapter.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.breakglass.BreakGlassUseCase;
import org.carechat.application.breakglass.BreakGlassUseCase.OpenBreakGlass;
import org.carechat.application.call.CallHistoryUseCase;
import org.carechat.application.call.CallHistoryUseCase.CallHistory;
import org.carechat.application.conversation.UnreadCountUseCase;
import org.carechat.application.messaging.SearchMessagesUseCase;
import org.carechat.application.messaging.SearchMessagesUseCase.SearchMessages;
import org.carechat.application.presence.ListContactsUseCase;
import org.carechat.application.presence.ListContactsUseCase.ListContacts;
import org.carechat.application.presence.PresenceService;
import org.carechat.application.presence.QueryPresenceUseCase;
import org.carechat.application.presence.QueryPresenceUseCase.QueryPresence;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;

/** The rest of {@code /api/chat}: unread counts, presence, contacts, message search, call history and break-glass. */
@Path("/api/chat")
@Produces(MediaType.APPLICATION_JSON)
public final class ChatResource {
    /** The most user ids one presence query may name: the core's own bound, checked while reading the body. */
    static final int MAX_PRESENCE_IDS = PresenceService.MAX_PRESENCE_QUERY;
    private static final Set<String> BREAK_GLASS_FIELDS = Set.of("patientId", "reason");

    private final UnreadCountUseCase unread;
    private final QueryPresenceUseCase presence;
    private final ListContactsUseCase contacts;
    private final SearchMessagesUseCase search;
    private final CallHistoryUseCase calls;
    private final BreakGlassUseCase breakGlass;

    public ChatResource(UnreadCountUseCase unread, QueryPresenceUseCase presence, ListContactsUseCase contacts,
                        SearchMessagesUseCase search, CallHistoryUseCase calls, BreakGlassUseCase breakGlass) {
        this.unread = unread;
        this.presence = presence;
        this.contacts = contacts;
        this.search = search;
        this.calls = calls;
        this.breakGlass = breakGlass;
    }

    /**
     * A clinician opens break-glass access to a patient they are not in care with: {@code {patientId, reason}};
     * answers the access ({@code 201}), whose {@code conversationIds} may then be read (history only) until it ends.
     */
    @POST
    @Path("break-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response openBreakGlass(JsonNode body, @Context ContainerRequestContext request) {
        ClientData data = ClientData.of(body, BREAK_GLASS_FIELDS);
        var command = new OpenBreakGlass(Callers.of(request), data.requiredId("patientId", UserId::of), data.text("reason"));
        return Response.status(Response.Status.CREATED)
                .entity(WireResources.breakGlassGrant(breakGlass.open(command).orThrow())).build();
    }

    @GET
    @Path("unread-count")
    public JsonNode unreadCount(@Context ContainerRequestContext request) {
        return WireResources.unreadCounts(unread.count(Callers.of(request)).orThrow());
    }

    /** Presence of the named users that are my contacts; the others are left out, not refused. */
    @POST
    @Path("presence")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode presence(JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        var userIds = ClientData.of(body, Set.of("userIds")).ids("userIds", UserId::of, MAX_PRESENCE_IDS);
        return WireResources.presences(presence.query(new QueryPresence(actor, userIds)).orThrow());
    }

    @GET
    @Path("contacts")
    public JsonNode contacts(@QueryParam("query") String query, @QueryParam("role") String role,
                             @Context ContainerRequestContext request) {
        var command = new ListContacts(Callers.of(request), Query.text(query, "query"), Query.text(role, "role"));
        return WireResources.people(contacts.contacts(command).orThrow());
    }

    @GET
    @Path("search")
    public JsonNode search(@QueryParam("query") String query, @QueryParam("limit") String limit,
                           @Context ContainerRequestContext request) {
        var command = new SearchMessages(Callers.of(request), Query.text(query, "query"), Query.limit(limit));
        return WireResources.messages(search.search(command).orThrow());
    }

    @GET
    @Path("calls")
    public JsonNode calls(@QueryParam("conversationId") String conversationId, @QueryParam("limit") String limit,
                          @Context ContainerRequestContext request) {
        var command = new CallHistory(Callers.of(request),
                Query.requiredId(conversationId, "conversationId", ConversationId::of), Query.limit(limit));
        return WireResources.callHistory(calls.history(command).orThrow());
    }
}
