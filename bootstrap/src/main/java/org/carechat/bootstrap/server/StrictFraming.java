package org.carechat.bootstrap.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.Metrics;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Refuses, with {@code 400} and the connection closed, every request whose body length a proxy in front
 * could read differently from this server (RFC 9112 sections 6.1 and 6.3): one with both
 * {@code Content-Length} and {@code Transfer-Encoding}, and one whose {@code Transfer-Encoding} is
 * anything but a single {@code chunked} on HTTP/1.1. Grizzly on its own lets the chunks win over the
 * length and goes on reading the connection after them; a proxy that trusts the length sees one
 * request where Grizzly sees two, and the second, smuggled one would be answered as if the proxy had
 * sent it. The connection is closed, so nothing that follows the refused request is read.
 *
 * <p>The check needs what the codec saw while it parsed the headers (it drops a {@code Content-Length}
 * that a {@code Transfer-Encoding} overrides), so this add-on puts a subclass of Grizzly's HTTP codec in
 * the place of the listener's own, built as {@code HttpServer} builds it, and refuses through the codec's
 * own path for bad headers. Every request on the listener passes there, REST and WebSocket upgrades alike.
 */
final class StrictFraming implements AddOn {
    private final Metrics metrics;

    StrictFraming(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        if (index < 0 || builder.get(index).getClass() != HttpServerFilter.class) {
            throw new IllegalStateException("expected Grizzly's own HTTP codec in the filter chain");
        }
        builder.set(index, new Codec(listener, (HttpServerFilter) builder.get(index), metrics));
    }

    /** Why a request's framing is refused, or null when its body length can be read only one way. */
    static String framingProblem(HttpHeader header, MimeHeaders headers) {
        int encodings = 0;
        String encoding = null;
        for (String value : headers.values(Header.TransferEncoding)) {
            encodings++;
            encoding = value;
        }
        if (encodings == 0) {
            return null;
        }
        // a Content-Length before the Transfer-Encoding was counted by the codec, then dropped from the headers
        boolean length = headers.contains(Header.ContentLength)
                || (header instanceof HttpPacketParsing parsing
                        && parsing.getHeaderParsingState().contentLengthHeadersCount > 0);
        if (length) {
            return "a request may not carry both Content-Length and Transfer-Encoding";
        }
        if (encodings > 1 || !encoding.strip().toLowerCase(Locale.ROOT).equals("chunked") || !header.isChunked()) {
            return "the only Transfer-Encoding accepted is a single chunked, on HTTP/1.1";
        }
        return null;
    }

    /** Grizzly's HTTP server codec, configured like the one it replaces, that refuses ambiguous framing. */
    static final class Codec extends HttpServerFilter {
        private static final String REFUSAL = StrictFraming.class.getName() + ".refusal";

        private final Metrics metrics;

        Codec(NetworkListener listener, HttpServerFilter original, Metrics metrics) {
            // as HttpServer builds its codec: no default content type, and no delayed executor (the listener's
            // IdleTimeoutFilter closes idle keep-alive connections)
            super(listener.isChunkingEnabled(), listener.getMaxHttpHeaderSize() == -1 ? 8192 : listener.getMaxHttpHeaderSize(),
                    original.getDefaultResponseContentType(), listener.getKeepAlive(), null,
                    listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
            for (ContentEncoding encoding : original.getContentEncodings()) {
                addContentEncoding(encoding);
            }
            setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
            setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
            setPreserveHeaderCase(original.isPreserveHeaderCase());
            setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
            getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
            this.metrics = metrics;
        }

        @Override
        protected void onHttpHeadersParsed(HttpHeader header, MimeHeaders headers, FilterChainContext ctx) {
            super.onHttpHeadersParsed(header, headers, ctx);
            if (header instanceof HttpRequestPacket request) {
                String problem = framingProblem(header, headers);
                if (problem != null) {
                    // the codec answers a request in error with 400 and closes its connection
                    request.setAttribute(REFUSAL, problem);
                    request.getProcessingState().setError(true);
                    request.getProcessingState().setKeepAlive(false);
                }
            }
        }

        @Override
        protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
            Object problem = response.getRequest() == null ? null : response.getRequest().getAttribute(REFUSAL);
            if (!(problem instanceof String detail)) {
                return super.customizeErrorResponse(response);
            }
            metrics.error(ErrorCode.BAD_REQUEST);
            byte[] body = ("{\"type\":\"urn:carechat:problem:bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"" + detail + "\",\"code\":\"" + ErrorCode.BAD_REQUEST.name() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            // a refused upgrade is answered as the plain request it also is
            response.setIgnoreContentModifiers(false);
            response.setHeader(Header.Connection, "close");
            response.setContentType("application/problem+json");
            response.getHeaders().setValue(Header.ContentType).setString("application/problem+json");
            response.setContentLength(body.length);
            response.setHeader(Header.CacheControl, "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            return HttpContent.builder(response)
                    .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                    .last(true)
                    .build();
        }
    }
}
