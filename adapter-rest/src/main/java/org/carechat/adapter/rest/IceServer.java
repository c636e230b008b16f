package org.carechat.adapter.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A STUN or TURN server a browser's WebRTC uses to reach the other party of a call, in the shape of the W3C
 * {@code RTCIceServer} a client hands to {@code new RTCPeerConnection({iceServers})}. Media never passes through
 * CareChat; these only help the two browsers find a path to each other (TURN relays it when no direct path exists).
 *
 * @param urls       {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URLs, at least one
 * @param username   the TURN user name, or null
 * @param credential the TURN password, or null; given to signed-in clients, never logged
 */
public record IceServer(List<String> urls, String username, String credential) {
    /** Far more than any deployment needs; a longer list is a mistake in the configuration. */
    static final int MAX_SERVERS = 32;
    static final int MAX_URLS = 32;
    static final int MAX_TEXT = 512;
    private static final Set<String> SCHEMES = Set.of("stun", "stuns", "turn", "turns");
    private static final Set<String> FIELDS = Set.of("urls", "username", "credential");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXAMPLE = "[{\"urls\": \"stun:stun.example.org:3478\"}, {\"urls\": "
            + "[\"turn:turn.example.org:3478?transport=udp\"], \"username\": \"u\", \"credential\": \"c\"}]";

    public IceServer {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one url");
        }
        if (urls.size() > MAX_URLS) {
            throw new IllegalArgumentException("an ICE server has at most " + MAX_URLS + " urls");
        }
        urls = List.copyOf(urls);
        boolean turn = false;
        for (String url : urls) {
            turn |= checkedScheme(url).startsWith("turn");
        }
        checkText(username, "username");
        checkText(credential, "credential");
        if ((username == null) != (credential == null)) {
            throw new IllegalArgumentException("an ICE server has a username and a credential together, or neither");
        }
        if (turn && username == null) {
            throw new IllegalArgumentException("a TURN server (" + urls.get(0) + ") needs a username and a credential");
        }
    }

    /** The scheme of a well-formed ICE server URL ({@code stun}, {@code turns}, ...), lower case. */
    private static String checkedScheme(String url) {
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("an ICE server url must not be empty");
        }
        if (url.length() > MAX_TEXT) {
            throw new IllegalArgumentException("an ICE server url is at most " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("an ICE server url must be printable ASCII without spaces: " + shown(url));
            }
        }
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || colon == url.length() - 1) {
            throw new IllegalArgumentException("an ICE server url starts with stun:, stuns:, turn: or turns: and names a host, got "
                    + shown(url));
        }
        return scheme;
    }

    private static void checkText(String value, String name) {
        if (value == null) {
            return;
        }
        if (value.isEmpty() || value.length() > MAX_TEXT) {
            throw new IllegalArgumentException("an ICE server's " + name + " is 1 to " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("an ICE server's " + name + " holds a control character");
            }
        }
    }

    private static String shown(String url) {
        String cut = url.length() > 80 ? url.substring(0, 80) + "..." : url;
        return "'" + cut.replaceAll("[^\\x21-\\x7e]", "?") + "'";
    }

    /**
     * The servers of a JSON array of {@code RTCIceServer}s ({@code urls} a string or an array of strings,
     * {@code username} and {@code credential} strings); blank text is none. Refuses anything else, naming the entry
     * and what is wrong with it, never a credential.
     */
    public static List<IceServer> parseAll(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON; expected an array such as " + EXAMPLE);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not a JSON array; expected an array such as " + EXAMPLE);
        }
        if (root.size() > MAX_SERVERS) {
            throw new IllegalArgumentException("at most " + MAX_SERVERS + " ICE servers, got " + root.size());
        }
        List<IceServer> servers = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                servers.add(of(root.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(servers);
    }

    private static IceServer of(JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("not an object such as {\"urls\": \"stun:stun.example.org:3478\"}");
        }
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException("unknown field '" + field.getKey().replaceAll("[^\\x21-\\x7e]", "?")
                        + "'; an ICE server has urls, username and credential");
            }
        }
        JsonNode urls = entry.get("urls");
        if (urls == null || urls.isNull()) {
            throw new IllegalArgumentException("no urls");
        }
        List<String> list = new ArrayList<>();
        if (urls.isString()) {
            list.add(urls.stringValue());
        } else if (urls.isArray()) {
            for (JsonNode url : urls) {
                if (!url.isString()) {
                    throw new IllegalArgumentException("urls holds something other than a string");
                }
                list.add(url.stringValue());
            }
        } else {
            throw new IllegalArgumentException("urls is a string or an array of strings");
        }
        return new IceServer(list, text(entry, "username"), text(entry, "credential"));
    }

    private static String text(JsonNode entry, String name) {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(name + " is a string");
        }
        return value.stringValue();
    }

    /** As a browser takes it: {@code urls} always an array; {@code username} and {@code credential} only when set. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode list = json.putArray("urls");
        urls.forEach(list::add);
        if (username != null) {
            json.put("username", username);
            json.put("credential", credential);
        }
        return json;
    }

    /** Never the credential: a record's own toString would print it. */
    @Override
    public String toString() {
        return "IceServer[urls=" + urls + (username != null ? ", username=" + username + ", credential=<redacted>" : "") + "]";
    }
}
