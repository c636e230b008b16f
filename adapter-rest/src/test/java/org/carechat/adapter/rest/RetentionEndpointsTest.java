package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/legal-holds} and {@code /api/admin/conversations/{id}/retention}: an admin holds Pat's records
 * for a lawsuit, lifts the hold, and gives a conversation a retention period of its own that the purge follows.
 */
class RetentionEndpointsTest {
    private static final String HOLDS = "/api/admin/legal-holds";

    private RestHarness api;
    private String conversation;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        conversation = api.conversation("p1", "patient", "d1");
        api.sendText(api.token("p1", "patient"), conversation, "my results");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String retention(String id) {
        return "/api/admin/conversations/" + id + "/retention";
    }

    @Test
    void a_hold_is_placed_listed_and_lifted() {
        HttpResponse<String> placed = api.post(HOLDS, api.admin(), "{\"patientId\":\"p1\",\"reason\":\"case 2026-114\"}");

        assertThat(placed.statusCode()).isEqualTo(201);
        JsonNode hold = json(placed);
        String id = hold.get("id").stringValue();
        assertThat(hold.get("patientId").stringValue()).isEqualTo("p1");
        assertThat(hold.get("conversationId").isNull()).isTrue();
        assertThat(hold.get("reason").stringValue()).isEqualTo("case 2026-114");
        assertThat(hold.get("active").booleanValue()).isTrue();
        assertThat(hold.get("placedAt").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        HttpResponse<String> onConversation = api.post(HOLDS, api.token("clinic", "service"),
                "{\"conversationId\":\"" + conversation + "\",\"reason\":\"audit\"}");
        assertThat(onConversation.statusCode()).isEqualTo(201);
        assertThat(json(onConversation).get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(json(api.get(HOLDS + "?active=true", api.admin())).get("items")).hasSize(2);

        HttpResponse<String> lifted = api.delete(HOLDS + "/" + id, api.admin());

        assertThat(lifted.statusCode()).isEqualTo(200);
        assertThat(json(lifted).get("active").booleanValue()).isFalse();
        assertThat(json(lifted).get("liftedBy").stringValue()).isEqualTo("root");
        assertThat(api.delete(HOLDS + "/" + id, api.admin()).statusCode()).as("lifted once").isEqualTo(409);
        assertThat(json(api.get(HOLDS + "?active=true", api.admin())).get("items")).hasSize(1);
        assertThat(json(api.get(HOLDS, api.admin())).get("items")).hasSize(2);
        assertThat(json(api.get("/api/admin/audit?target=access:legal_hold", api.admin())).get("items"))
                .as("two placed, one lifted; the refused second lift is audited without the records' target").hasSize(3);
    }

    @Test
    void holds_refuse_anyone_but_admins_and_bad_input() {
        String body = "{\"patientId\":\"p1\",\"reason\":\"case\"}";
        assertThat(api.post(HOLDS, api.token("d1", "doctor"), body).statusCode()).isEqualTo(403);
        assertThat(api.post(HOLDS, api.token("p1", "patient"), body).statusCode()).isEqualTo(403);
        assertThat(api.post(HOLDS, null, body).statusCode()).isEqualTo(401);
        assertThat(api.get(HOLDS, api.token("d1", "doctor")).statusCode()).isEqualTo(403);
        assertThat(api.get(HOLDS, null).statusCode()).isEqualTo(401);
        assertThat(api.delete(HOLDS + "/lh_1", api.token("d1", "doctor")).statusCode()).isEqualTo(403);
        assertThat(api.delete(HOLDS + "/lh_1", null).statusCode()).isEqualTo(401);

        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"p1\"}").statusCode()).isEqualTo(422);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"p1\",\"reason\":\"" + "x".repeat(501) + "\"}")
                .statusCode()).as("oversize reason").isEqualTo(422);
        assertThat(api.post(HOLDS, api.admin(), "{\"reason\":\"x\"}").statusCode()).isEqualTo(422);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"p1\",\"conversationId\":\"" + conversation
                + "\",\"reason\":\"x\"}").statusCode()).isEqualTo(422);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"d1\",\"reason\":\"x\"}").statusCode())
                .as("not a patient").isEqualTo(404);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"nobody\",\"reason\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(api.post(HOLDS, api.admin(), "{\"conversationId\":\"c_nowhere\",\"reason\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"p1\",\"reason\":\"x\",\"active\":false}")
                .statusCode()).as("a field the server owns").isEqualTo(400);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":42,\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":\"" + "p".repeat(300) + "\",\"reason\":\"x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(api.post(HOLDS, api.admin(), "{\"patientId\":").statusCode()).as("malformed").isEqualTo(400);
        assertThat(api.send(HOLDS, "POST", api.admin(), "text/plain", "p1").statusCode()).isEqualTo(415);
        assertThat(api.get(HOLDS + "?active=yes", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.delete(HOLDS + "/lh_unknown", api.admin()).statusCode()).isEqualTo(404);
        assertThat(api.delete(HOLDS + "/" + "h".repeat(300), api.admin()).statusCode()).isEqualTo(400);
        assertThat(json(api.get(HOLDS, api.admin())).get("items")).isEmpty();
    }

    @Test
    void a_conversation_of_its_own_period_is_purged_after_it_and_the_period_can_be_cleared() {
        HttpResponse<String> set = api.put(retention(conversation), api.admin(), "{\"days\":7}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).get("days").intValue()).isEqualTo(7);
        HttpResponse<String> cleared = api.delete(retention(conversation), api.admin());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(json(cleared).get("days").isNull()).isTrue();
        api.put(retention(conversation), api.admin(), "{\"days\":7}");
        String history = "/api/chat/conversations/" + conversation + "/messages";
        String before = api.get(history, api.token("p1", "patient")).body();

        api.time.advance(Duration.ofDays(8));
        assertThat(api.core.retentionPurge().purge(10).purged()).isEqualTo(1);

        assertThat(before).contains("my results");
        assertThat(api.core.ports().messages().after(org.carechat.domain.conversation.ConversationId.of(conversation), 0, 10))
                .singleElement().satisfies(message -> {
                    assertThat(message.deleted()).isTrue();
                    assertThat(message.content()).isNull();
                });
    }

    @Test
    void periods_refuse_anyone_but_admins_and_bad_input() {
        assertThat(api.put(retention(conversation), api.token("d1", "doctor"), "{\"days\":7}").statusCode()).isEqualTo(403);
        assertThat(api.put(retention(conversation), null, "{\"days\":7}").statusCode()).isEqualTo(401);
        assertThat(api.delete(retention(conversation), api.token("p1", "patient")).statusCode()).isEqualTo(403);
        assertThat(api.delete(retention(conversation), null).statusCode()).isEqualTo(401);
        assertThat(api.put(retention(conversation), api.admin(), "{\"days\":0}").statusCode()).isEqualTo(422);
        assertThat(api.put(retention(conversation), api.admin(), "{\"days\":36501}").statusCode()).isEqualTo(422);
        assertThat(api.put(retention(conversation), api.admin(), "{\"days\":99999999999}").statusCode())
                .as("oversize").isEqualTo(422);
        assertThat(api.put(retention(conversation), api.admin(), "{\"days\":\"7\"}").statusCode()).isEqualTo(400);
        assertThat(api.put(retention(conversation), api.admin(), "{}").statusCode()).isEqualTo(400);
        assertThat(api.put(retention(conversation), api.admin(), "{\"days\":7,\"x\":1}").statusCode()).isEqualTo(400);
        assertThat(api.put(retention(conversation), api.admin(), "{\"days\":").statusCode()).as("malformed").isEqualTo(400);
        assertThat(api.put(retention("c_nowhere"), api.admin(), "{\"days\":7}").statusCode()).isEqualTo(404);
        assertThat(api.delete(retention("c_nowhere"), api.admin()).statusCode()).isEqualTo(404);
        assertThat(api.put(retention("c".repeat(300)), api.admin(), "{\"days\":7}").statusCode()).isEqualTo(400);
    }
}
