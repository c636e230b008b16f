package org.carechat.wire;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.function.Consumer;
import org.carechat.domain.message.MessageView;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and writes the wire's JSON within {@link WireLimits}: depth, string and document size are
 * enforced while parsing (Jackson's stream constraints), duplicate keys are refused.
 */
public final class WireJson {
    private final JsonMapper mapper;
    private final WireLimits limits;

    public WireJson(WireLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxDocumentLength(limits.maxDocumentLength())
                        .maxNameLength(256)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // every parser and generator borrows its buffers; from its own thread's pool, not from a shared
                // deque taken and given back twice per frame (CareChat's threads are platform threads, pooled)
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    public WireLimits limits() {
        return limits;
    }

    public JsonNode parse(String text) {
        try {
            return requireDocument(mapper.readTree(text));
        } catch (StreamConstraintsException tooBig) {
            throw WireException.badRequest("the JSON exceeds the server's limits (nesting depth " + limits.maxNestingDepth()
                    + ", string length " + limits.maxStringLength() + ")");
        } catch (JacksonException malformed) {
            throw WireException.badRequest("the body is not valid JSON");
        }
    }

    public JsonNode parse(InputStream in) {
        try {
            return requireDocument(mapper.readTree(in));
        } catch (StreamConstraintsException tooBig) {
            throw WireException.badRequest("the JSON exceeds the server's limits (nesting depth " + limits.maxNestingDepth()
                    + ", string length " + limits.maxStringLength() + ")");
        } catch (JacksonException malformed) {
            throw WireException.badRequest("the body is not valid JSON");
        }
    }

    public String write(JsonNode node) {
        return mapper.writeValueAsString(node);
    }

    /**
     * {@code view} as {@link WireResources#message} gives it, the same text, written with the streaming generator
     * and no tree (the hot path of every send).
     */
    public String writeMessage(MessageView view) {
        return streamed(512, out -> WireResources.writeMessage(out, view));
    }

    /**
     * A frame's envelope, {@code {"event": event, "re": re, "data": data}} ({@code re} left out when null, {@code data}
     * an empty object when null): the same text as writing that object as a tree, without building it.
     */
    public String writeFrame(String event, String re, JsonNode data) {
        return streamed(256, out -> {
            out.writeStartObject();
            out.writeStringProperty("event", event);
            if (re != null) {
                out.writeStringProperty("re", re);
            }
            out.writeName("data");
            if (data == null) {
                out.writeStartObject();
                out.writeEndObject();
            } else {
                out.writeTree(data);
            }
            out.writeEndObject();
        });
    }

    /** The text {@code body} writes with the streaming generator, into a buffer of {@code expected} characters to start. */
    private String streamed(int expected, Consumer<JsonGenerator> body) {
        StringWriter text = new StringWriter(expected);
        try (JsonGenerator out = mapper.createGenerator(text)) {
            body.accept(out);
        }
        return text.toString();
    }

    public void write(JsonNode node, OutputStream out) {
        mapper.writeValue(out, node);
    }

    public ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    private static JsonNode requireDocument(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw WireException.badRequest("the body is empty");
        }
        return node;
    }
}
