package org.carechat.bench.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts patient-doctor pairs into a running server the way a clinic backend would: directory entries and
 * care relationships through the admin REST API (with an admin token), then, when asked, the direct
 * conversation of each pair, opened by its patient.
 */
public final class Seeding {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CONCURRENCY = 32;

    private Seeding() {
    }

    /** One pair: ids, tokens, and its conversation (null when not opened). */
    public record Pair(int index, String patientId, String doctorId, String patientToken, String doctorToken,
                       String conversationId) {
    }

    public static List<Pair> pairs(Rest rest, Tokens tokens, int count, boolean openConversations) {
        String admin = tokens.admin();
        List<Supplier<CompletableFuture<?>>> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            users.add(() -> rest.call("PUT", "/api/admin/users/p" + n, admin,
                    "{\"name\":\"Patient " + n + "\",\"role\":\"patient\"}"));
            users.add(() -> rest.call("PUT", "/api/admin/users/d" + n, admin,
                    "{\"name\":\"Dr. " + n + "\",\"role\":\"doctor\",\"specialty\":\"general practice\"}"));
        }
        Rest.runAll(users, CONCURRENCY);
        List<Supplier<CompletableFuture<?>>> care = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            care.add(() -> rest.call("PUT", "/api/admin/care-relationships", admin,
                    "{\"patientId\":\"p" + n + "\",\"clinicianId\":\"d" + n + "\"}"));
        }
        Rest.runAll(care, CONCURRENCY);
        String[] conversations = new String[count];
        String[] patientTokens = new String[count];
        String[] doctorTokens = new String[count];
        for (int i = 0; i < count; i++) {
            patientTokens[i] = tokens.of("p" + i, "patient");
            doctorTokens[i] = tokens.of("d" + i, "doctor");
        }
        if (openConversations) {
            List<Supplier<CompletableFuture<?>>> open = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                open.add(() -> rest.call("POST", "/api/chat/conversations", patientTokens[n],
                        "{\"participantId\":\"d" + n + "\"}").thenAccept(body -> conversations[n] = idOf(body)));
            }
            Rest.runAll(open, CONCURRENCY);
        }
        List<Pair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(new Pair(i, "p" + i, "d" + i, patientTokens[i], doctorTokens[i], conversations[i]));
        }
        return pairs;
    }

    /**
     * The pairs a server that needs no seeding knows already (the Node peer, started with {@code --pairs}): the
     * same ids as {@link #pairs}, with their tokens, and no conversation.
     */
    public static List<Pair> known(Tokens tokens, int count) {
        List<Pair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(new Pair(i, "p" + i, "d" + i, tokens.of("p" + i, "patient"), tokens.of("d" + i, "doctor"), null));
        }
        return pairs;
    }

    static String idOf(String body) {
        JsonNode node = JSON.readTree(body);
        return node.get("id").stringValue();
    }
}
