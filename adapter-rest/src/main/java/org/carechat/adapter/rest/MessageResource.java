package org.carechat.adapter.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.messaging.AcknowledgeMessageUseCase;
import org.carechat.application.messaging.AcknowledgeMessageUseCase.AcknowledgeMessage;
import org.carechat.application.messaging.AddReactionUseCase;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.DeleteMessageUseCase;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.EditMessageUseCase;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.RemoveReactionUseCase;
import org.carechat.application.messaging.RemoveReactionUseCase.RemoveReaction;
import org.carechat.domain.message.MessageId;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/chat/messages/{id}}: the sender edits or deletes a message, participants react to it. Each
 * answers the message as it now is (a deleted message as its tombstone).
 */
@Path("/api/chat/messages/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class MessageResource {
    private final EditMessageUseCase edit;
    private final DeleteMessageUseCase delete;
    private final AddReactionUseCase addReaction;
    private final RemoveReactionUseCase removeReaction;
    private final AcknowledgeMessageUseCase acknowledge;

    public MessageResource(EditMessageUseCase edit, DeleteMessageUseCase delete, AddReactionUseCase addReaction,
                           RemoveReactionUseCase removeReaction, AcknowledgeMessageUseCase acknowledge) {
        this.edit = edit;
        this.delete = delete;
        this.addReaction = addReaction;
        this.removeReaction = removeReaction;
        this.acknowledge = acknowledge;
    }

    /** A recipient acknowledges an urgent message (no body); answers the message with its acknowledgements. */
    @POST
    @Path("acknowledge")
    public JsonNode acknowledge(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return WireResources.message(acknowledge.acknowledge(new AcknowledgeMessage(Callers.of(request), messageId(id)))
                .orThrow());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode edit(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        MessageId message = messageId(id);
        String content = ClientData.of(body, Set.of("content")).requiredText("content");
        return WireResources.message(edit.edit(new EditMessage(actor, message, content)).orThrow());
    }

    @DELETE
    public JsonNode delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return WireResources.message(delete.delete(new DeleteMessage(Callers.of(request), messageId(id))).orThrow());
    }

    @POST
    @Path("reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode react(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        MessageId message = messageId(id);
        String emoji = ClientData.of(body, Set.of("emoji")).requiredText("emoji");
        return WireResources.message(addReaction.addReaction(new AddReaction(actor, message, emoji)).orThrow());
    }

    /** The emoji is a path segment, percent-encoded as UTF-8 ({@code %F0%9F%91%8D} for 👍). */
    @DELETE
    @Path("reactions/{emoji}")
    public JsonNode unreact(@PathParam("id") String id, @PathParam("emoji") String emoji,
                            @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        return WireResources.message(removeReaction.removeReaction(new RemoveReaction(actor, messageId(id), emoji)).orThrow());
    }

    private static MessageId messageId(String id) {
        return Query.requiredId(id, "message id", MessageId::of);
    }
}
