package org.carechat.adapter.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.carechat.application.Actor;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;

/** Who is calling: the actor the authentication filter proved from the bearer token, kept on the request. */
final class Callers {
    static final String ACTOR_PROPERTY = "org.carechat.actor";

    private Callers() {
    }

    static Actor of(ContainerRequestContext request) {
        if (request.getProperty(ACTOR_PROPERTY) instanceof Actor actor) {
            return actor;
        }
        throw new Refusal(new ChatFailure.Unauthorized("a bearer token is required"));
    }
}
