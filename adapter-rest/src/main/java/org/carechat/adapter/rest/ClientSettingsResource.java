package org.carechat.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.carechat.domain.message.MessageRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/chat/client-settings}: what a client needs from the server's configuration, for any signed-in
 * caller: the ICE servers for the WebRTC of calls, how long a web client may sit idle before it signs itself out, and
 * the message rules a composer follows (the edit window, the longest text).
 * Nothing of anybody's health data, so not audited; the request budget applies as everywhere.
 */
@Path("/api/chat/client-settings")
public final class ClientSettingsResource {
    private final JsonNode body;

    ClientSettingsResource(RestSettings settings, MessageRules messages) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode servers = json.putArray("iceServers");
        settings.iceServers().forEach(server -> servers.add(server.toJson()));
        // whole seconds, rounded up: a configured 500ms must not read as 0, which means never
        long millis = settings.idleSignOut().toMillis();
        json.put("idleSignOutSeconds", (millis + 999) / 1000);
        // the core's rules, so that a client offers an edit only while the server takes it, and counts as it does
        json.put("editWindowSeconds", messages.editWindow().toSeconds());
        json.put("maxTextLength", messages.maxTextLength());
        this.body = json;
    }

    /**
     * {@code {"iceServers": [RTCIceServer, ...], "idleSignOutSeconds": 900, "editWindowSeconds": 900,
     * "maxTextLength": 4000}}; an idle sign-out of {@code 0} means never.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode settings(@Context ContainerRequestContext request) {
        Callers.of(request); // the filter proved a caller; this refuses should it ever be wired without it
        return body.deepCopy();
    }
}
