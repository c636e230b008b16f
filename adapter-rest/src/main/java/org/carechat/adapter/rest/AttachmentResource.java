package org.carechat.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.carechat.application.Actor;
import org.carechat.application.attachment.DownloadAttachmentUseCase;
import org.carechat.application.attachment.DownloadAttachmentUseCase.Download;
import org.carechat.application.attachment.DownloadAttachmentUseCase.DownloadAttachment;
import org.carechat.application.attachment.LinkAttachmentUseCase;
import org.carechat.application.attachment.LinkAttachmentUseCase.LinkAttachment;
import org.carechat.application.attachment.UploadAttachmentUseCase;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.wire.Timestamps;
import org.carechat.wire.WireException;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/chat/attachments}: files go in as the raw request body and come out as the raw response
 * body, streamed both ways, never held whole in memory here.
 *
 * <p>Uploads take the file itself as the body: {@code Content-Type} its type, {@code X-File-Name} its name
 * (an RFC 8187 value {@code UTF-8''...} for names beyond ASCII), {@code Content-Length} when known.
 * Multipart bodies are refused with {@code 415}: a raw body streams straight into storage with its size
 * known up front, needs no multipart parser (and none of its memory or temp files), and is what every
 * HTTP client can send.
 *
 * <p>A download also comes without a token, through a short-lived link ({@code GET {id}/link} hands one out, see
 * {@link AttachmentLinks}): for what a browser fetches by itself, such as {@code <img src>}.
 */
@Path("/api/chat/attachments")
public final class AttachmentResource {
    static final String FILE_NAME_HEADER = "X-File-Name";
    private static final Logger LOG = System.getLogger(AttachmentResource.class.getName());

    private final UploadAttachmentUseCase upload;
    private final DownloadAttachmentUseCase download;
    private final LinkAttachmentUseCase link;
    private final AttachmentLinks links;

    AttachmentResource(UploadAttachmentUseCase upload, DownloadAttachmentUseCase download, LinkAttachmentUseCase link,
                       AttachmentLinks links) {
        this.upload = upload;
        this.download = download;
        this.link = link;
        this.links = links;
    }

    /** {@code 201} with the Attachment; {@code 413} over the size limit, {@code 415} for a type the bytes do not prove. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(InputStream body, @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        String declared = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (declared != null && declared.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new Refusal(new ChatFailure.UnsupportedMediaType("multipart uploads are not supported: send the raw "
                    + "file as the body, with its type as Content-Type and its name in " + FILE_NAME_HEADER));
        }
        var command = new Upload(actor, body, declared, fileName(headers.getHeaderString(FILE_NAME_HEADER)),
                announcedLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)));
        Attachment stored = upload.upload(command).orThrow();
        return Response.created(URI.create(WireResources.ATTACHMENT_PATH + stored.id().value()))
                .entity(WireResources.attachment(stored))
                .build();
    }

    /**
     * The file, for a caller with a token or with a link ({@code ?link=}) handed out for this file; with a link the
     * caller is the person it was handed to, and the download is checked and audited as theirs.
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") String id, @QueryParam(AuthenticationFilter.LINK_PARAMETER) String signedLink,
                             @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        boolean throughLink = signedLink != null;
        if (throughLink && !id.equals(request.getProperty(AuthenticationFilter.LINK_ATTACHMENT_PROPERTY))) {
            // the filter did not read this path as a download, so it did not take the link: the caller has a token too
            throw WireException.badRequest(AuthenticationFilter.TOKEN_AND_LINK);
        }
        AttachmentId attachmentId = Query.requiredId(id, "attachment id", AttachmentId::of);
        Download file = download.download(new DownloadAttachment(actor, attachmentId, throughLink)).orThrow();
        Attachment attachment = file.attachment();
        StreamingOutput bytes = out -> {
            try (InputStream in = file.content()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the status line is gone already; all that is left is to cut the response short
                LOG.log(Level.WARNING, "download of attachment " + attachment.id() + " broke off: " + e.getClass().getSimpleName());
                throw e;
            }
        };
        return fileHeaders(Response.ok(bytes), attachment).build();
    }

    /**
     * {@code 200 {"url": "/api/chat/attachments/{id}?link=...", "expiresAt": "..."}}: a link to download the file
     * without a token, as the caller, for {@link AttachmentLinks#TTL}; {@code 404} for a file the caller may not
     * download, as the download itself answers.
     */
    @GET
    @Path("{id}/link")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode link(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        AttachmentId attachmentId = Query.requiredId(id, "attachment id", AttachmentId::of);
        Attachment attachment = link.link(new LinkAttachment(actor, attachmentId)).orThrow();
        AttachmentLinks.Link signed = links.sign(actor, attachment.id());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("url", WireResources.ATTACHMENT_PATH + attachment.id().value() + "?" + AuthenticationFilter.LINK_PARAMETER
                + "=" + signed.value());
        body.put("expiresAt", Timestamps.format(signed.expiresAt()));
        return body;
    }

    /**
     * The download's headers without its bytes. Explicit, because Jersey's implicit HEAD would run
     * {@link #download} and drop its stream unwritten and unclosed.
     */
    @HEAD
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    public Response head(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Actor actor = Callers.of(request);
        AttachmentId attachmentId = Query.requiredId(id, "attachment id", AttachmentId::of);
        Download file = download.download(new DownloadAttachment(actor, attachmentId)).orThrow();
        try {
            file.content().close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing attachment " + attachmentId + " failed: " + e.getClass().getSimpleName());
        }
        return fileHeaders(Response.ok(), file.attachment()).build();
    }

    /**
     * Every file is served as a download under the type its bytes were checked as, never sniffed by the browser,
     * and sandboxed: a file a browser could render actively (an SVG with a script) opened from this origin runs
     * nothing and reaches nothing of it.
     */
    private static Response.ResponseBuilder fileHeaders(Response.ResponseBuilder response, Attachment attachment) {
        return response.type(attachment.mimeType())
                .header(HttpHeaders.CONTENT_LENGTH, attachment.size())
                .header("Content-Disposition", ContentDisposition.attachment(attachment.name()))
                .header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    /** The name as sent; an RFC 8187 {@code UTF-8''percent-encoded} value is decoded. */
    static String fileName(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "UTF-8''", 0, 7)) {
            try {
                return URLDecoder.decode(value.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw WireException.badRequest(FILE_NAME_HEADER + " is not a valid UTF-8'' value");
            }
        }
        return value;
    }

    private static Long announcedLength(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(header.strip());
        } catch (NumberFormatException e) {
            throw WireException.badRequest("Content-Length is not a number");
        }
    }
}
