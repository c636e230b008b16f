package org.carechat.adapter.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.wire.WireException;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes JSON bodies through {@link WireJson}, within its parser limits (nesting depth,
 * string length) and within the REST body limit: a body announced larger is refused before a byte is
 * read, and a body that turns out larger stops being read one byte past the limit. An empty body reads
 * as null, which the strict client data readers treat as an empty object.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE, FhirBundles.MEDIA_TYPE})
final class JsonBodies implements MessageBodyReader<JsonNode>, MessageBodyWriter<JsonNode> {
    private final WireJson json;
    private final long maxBytes;

    JsonBodies(WireJson json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public JsonNode readFrom(Class<JsonNode> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        String announced = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (announced != null && announcedLength(announced) > maxBytes) {
            throw tooLarge();
        }
        Capped capped = new Capped(entity, maxBytes);
        PushbackInputStream body = new PushbackInputStream(capped, 1);
        try {
            int first = body.read();
            if (first < 0) {
                return null;
            }
            body.unread(first);
            return json.parse(body);
        } catch (WireException | IOException e) {
            if (capped.exceeded) {
                throw tooLarge();
            }
            throw e;
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonNode node, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        // written whole, so that Jackson never closes the container's stream
        out.write(json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    private Refusal tooLarge() {
        return new Refusal(new ChatFailure.TooLarge("the body is larger than " + maxBytes + " bytes"));
    }

    private static long announcedLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw WireException.badRequest("Content-Length is not a number");
        }
    }

    /** Passes at most {@code max} bytes through; one more marks it exceeded and fails the read. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private long count;
        private boolean exceeded;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, max - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skipping is not supported");
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("the body is over its limit");
            }
        }
    }
}
