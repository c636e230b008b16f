package org.carechat.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/openapi.json}: the hand-written OpenAPI 3.1 description of this API, open to everyone. */
@Path("/api/openapi.json")
public final class OpenApiResource {
    static final String DOCUMENT = "/openapi.json";

    private final byte[] document;

    public OpenApiResource() {
        this.document = load();
    }

    /** The one answer that may be cached: it describes the API and holds nothing of anyone. */
    @GET
    @Cacheable
    public Response document() {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + DOCUMENT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the OpenAPI document failed", e);
        }
    }
}
