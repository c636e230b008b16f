package org.carechat.adapter.rest;

import jakarta.ws.rs.Consumes;
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
import java.net.URI;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.conversation.GetConversationUseCase;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.ListConversationsUseCase;
import org.carechat.application.conversation.ListConversationsUseCase.ListConversations;
import org.carechat.application.conversation.OpenConversationUseCase;
import org.carechat.application.conversation.OpenConversationUseCase.OpenConversation;
import org.carechat.application.conversation.OpenConversationUseCase.Opened;
import org.carechat.application.conversation.SetMutedUseCase;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.application.conversation.SetPinnedUseCase;
import org.carechat.application.conversation.SetPinnedUseCase.SetPinned;
import org.carechat.application.messaging.MarkReadUseCase;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.application.messaging.ReadHistoryUseCase;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.SendMessageUseCase;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireException;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;

/** {@code /api/chat/conversations}: my conversations, their history, sending into them, my view of them. */
@Path("/api/chat/conversations")
@Produces(MediaType.APPLICATION_JSON)
public final class ConversationResource {
    private static final Set<String> OPEN_FIELDS = Set.of("participantId");
    private static final Set<String> SEND_FIELDS = Set.of("type", "content", "attachmentId", "replyTo", "clientMessageId",
            "priority");
    /** The header that carries what the sender is told along with the message (a patient sending urgent). */
    static final String NOTICE_HEADER = "CareChat-Notice";

    private final ListConversationsUseCase list;
    private final OpenConversationUseCase open;
    private final GetConversationUseCase get;
    private final ReadHistoryUseCase history;
    private final SendMessageUseCase send;
    private final MarkReadUseCase markRead;
    private final SetMutedUseCase setMuted;
    private final SetPinnedUseCase setPinned;
    private final Metrics metrics;

    public ConversationResource(ListConversationsUseCase list, OpenConversationUseCase open, GetConversationUseCase get,
                                ReadHistoryUseCase history, SendMessageUseCase send, MarkReadUseCase markRead,
                                SetMutedUseCase setMuted, SetPinnedUseCase setPinned, Metrics metrics) {
        this.list = list;
        this.open = open;
        this.get = get;
        this.history = history;
        this.send = send;
        this.markRead = markRead;
        this.setMuted = setMuted;
        this.setPinned = setPinned;
        this.metrics = metrics;
    }

    @GET
    public JsonNode list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @QueryParam("filter") String filter, @QueryParam("search") String search,
                         @Context ContainerRequestContext request) {
        var command = new ListConversations(Callers.of(request), Query.filter(filter), Query.text(search, "search"),
                Query.text(cursor, "cursor"), Query.limit(limit));
        return WireResources.conversationPage(list.list(command).orThrow());
    }

    /** {@code 201} with a Location when this request created the conversation, {@code 200} when it existed. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(JsonNode body, @Context ContainerRequestContext request) {
        ClientData data = ClientData.of(body, OPEN_FIELDS);
        Opened opened = open.open(new OpenConversation(Callers.of(request), data.requiredId("participantId", UserId::of)))
                .orThrow();
        JsonNode conversation = WireResources.conversation(opened.conversation());
        if (!opened.created()) {
            return Response.ok(conversation).build();
        }
        return Response.created(URI.create("/api/chat/conversations/" + opened.conversation().conversation().id().value()))
                .entity(conversation).build();
    }

    @GET
    @Path("{id}")
    public JsonNode get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return WireResources.conversation(get.get(new GetConversation(Callers.of(request), conversationId(id))).orThrow());
    }

    @GET
    @Path("{id}/messages")
    public JsonNode history(@PathParam("id") String id, @QueryParam("limit") String limit,
                            @QueryParam("before") String before, @QueryParam("after") String after,
                            @Context ContainerRequestContext request) {
        var command = new ReadHistory(Callers.of(request), conversationId(id), Query.seq(before, "before"),
                Query.seq(after, "after"), Query.limit(limit));
        return WireResources.historyPage(history.read(command).orThrow());
    }

    /**
     * {@code 201} with the stored message and its Location; a resend with a clientMessageId this sender
     * already used answers {@code 200} with the original message, and stores nothing new.
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        ConversationId conversation = conversationId(id);
        ClientData data = ClientData.of(body, SEND_FIELDS);
        var command = new SendMessage(actor, conversation, null, messageType(data.text("type")), data.text("content"),
                data.id("attachmentId", AttachmentId::of), data.id("replyTo", MessageId::of), data.text("clientMessageId"),
                WireResources.priority(data.text("priority")));
        Sent sent = send.send(command).orThrow();
        JsonNode message = WireResources.message(sent.message());
        Response.ResponseBuilder answer;
        if (sent.created()) {
            metrics.messageSent();
            answer = Response.created(URI.create("/api/chat/messages/" + sent.message().message().id().value()));
        } else {
            answer = Response.ok();
        }
        if (sent.notice() != null) {
            answer.header(NOTICE_HEADER, sent.notice());
        }
        return answer.entity(message).build();
    }

    @PUT
    @Path("{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode read(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        ConversationId conversation = conversationId(id);
        Long upToSeq = ClientData.of(body, Set.of("upToSeq")).integer("upToSeq");
        return WireResources.conversation(markRead.markRead(new MarkRead(actor, conversation, upToSeq)).orThrow());
    }

    @PUT
    @Path("{id}/mute")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode mute(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        ConversationId conversation = conversationId(id);
        boolean muted = ClientData.of(body, Set.of("muted")).requiredBool("muted");
        return WireResources.conversation(setMuted.setMuted(new SetMuted(actor, conversation, muted)).orThrow());
    }

    @PUT
    @Path("{id}/pin")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode pin(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        ConversationId conversation = conversationId(id);
        boolean pinned = ClientData.of(body, Set.of("pinned")).requiredBool("pinned");
        return WireResources.conversation(setPinned.setPinned(new SetPinned(actor, conversation, pinned)).orThrow());
    }

    private static ConversationId conversationId(String id) {
        return Query.requiredId(id, "conversation id", ConversationId::of);
    }

    private static MessageType messageType(String type) {
        if (type == null) {
            return null;
        }
        return MessageType.parse(type)
                .orElseThrow(() -> WireException.badRequest("type must be one of text, image, file, audio, video"));
    }
}
