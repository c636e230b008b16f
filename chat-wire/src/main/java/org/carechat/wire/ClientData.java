package org.carechat.wire;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.carechat.domain.common.Ids;
import tools.jackson.databind.JsonNode;

/**
 * A strict reader of the data a client sends: an object with only the fields the operation knows, each
 * of the expected shape. Server-owned fields (sender, seq, timestamps, status, role) are refused by
 * name, so a client learns they are not theirs to set.
 */
public final class ClientData {
    private static final Set<String> SERVER_OWNED = Set.of("senderId", "seq", "createdAt", "editedAt", "status",
            "deleted", "reactions", "sender", "from");

    private final JsonNode node;

    private ClientData(JsonNode node) {
        this.node = node;
    }

    /** Reads {@code node} as an object whose fields are all in {@code allowed}; a null or missing node is an empty object. */
    public static ClientData of(JsonNode node, Set<String> allowed) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new ClientData(null);
        }
        if (!node.isObject()) {
            throw WireException.badRequest("data must be a JSON object");
        }
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw WireException.badRequest(SERVER_OWNED.contains(name)
                        ? "field '" + name + "' is set by the server, not by clients"
                        : "unknown field '" + safe(name) + "'");
            }
        }
        return new ClientData(node);
    }

    public boolean has(String field) {
        return node != null && node.has(field) && !node.get(field).isNull();
    }

    /** A string field, or null when absent or null. */
    public String text(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isString()) {
            throw WireException.badRequest(field + " must be a string");
        }
        return value.stringValue();
    }

    public String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw WireException.badRequest(field + " is required");
        }
        return value;
    }

    /** An integer field, or null when absent or null. */
    public Long integer(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw WireException.badRequest(field + " must be an integer");
        }
        return value.longValue();
    }

    public long requiredInteger(String field) {
        Long value = integer(field);
        if (value == null) {
            throw WireException.badRequest(field + " is required");
        }
        return value;
    }

    public Boolean bool(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw WireException.badRequest(field + " must be true or false");
        }
        return value.booleanValue();
    }

    public boolean requiredBool(String field) {
        Boolean value = bool(field);
        if (value == null) {
            throw WireException.badRequest(field + " is required");
        }
        return value;
    }

    /** An id field turned into its value type, or null when absent; refuses what is not an id. */
    public <T> T id(String field, Function<String, T> type) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        if (!Ids.isWellFormed(value)) {
            throw WireException.badRequest(field + " is not a valid id");
        }
        return type.apply(value);
    }

    public <T> T requiredId(String field, Function<String, T> type) {
        T value = id(field, type);
        if (value == null) {
            throw WireException.badRequest(field + " is required");
        }
        return value;
    }

    /** A list of ids, at most {@code max}. */
    public <T> List<T> ids(String field, Function<String, T> type, int max) {
        if (!has(field)) {
            throw WireException.badRequest(field + " is required");
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw WireException.badRequest(field + " must be an array of ids");
        }
        if (value.size() > max) {
            throw WireException.badRequest(field + " holds at most " + max + " ids");
        }
        List<T> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString() || !Ids.isWellFormed(element.stringValue())) {
                throw WireException.badRequest(field + " must be an array of ids");
            }
            result.add(type.apply(element.stringValue()));
        }
        return result;
    }

    /** A field as raw JSON, for values relayed untouched (call signals). */
    public JsonNode raw(String field) {
        return has(field) ? node.get(field) : null;
    }

    /** Parses a well-formed id given outside a JSON body (a path or query parameter). */
    public static <T> T pathId(String value, String name, Function<String, T> type) {
        if (!Ids.isWellFormed(value)) {
            throw WireException.badRequest(name + " is not a valid id");
        }
        return type.apply(value);
    }

    private static String safe(String name) {
        String trimmed = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return trimmed.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
