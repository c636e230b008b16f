package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HistoryPagingTest {
    private static RestHarness api;
    private static String patient;
    private static String conversation;

    @BeforeAll
    static void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        conversation = api.conversation("p1", "patient", "d1");
        for (int i = 1; i <= 120; i++) {
            api.sendText(i % 2 == 0 ? api.token("d1", "doctor") : patient, conversation, "message " + i);
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode page(String query) {
        HttpResponse<String> response = api.get("/api/chat/conversations/" + conversation + "/messages" + query, patient);
        RestHarness.expect(response, 200);
        return json(response);
    }

    private static long[] seqs(JsonNode page) {
        long[] seqs = new long[page.get("items").size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = page.get("items").get(i).get("seq").longValue();
        }
        return seqs;
    }

    @Test
    void without_a_cursor_the_newest_page_comes_newest_first() {
        JsonNode page = page("?limit=3");

        assertThat(seqs(page)).containsExactly(120, 119, 118);
        assertThat(page.get("hasMore").booleanValue()).isTrue();
        assertThat(page.size()).as("only items and hasMore").isEqualTo(2);
    }

    @Test
    void before_a_seq_answers_older_messages_newest_first() {
        JsonNode page = page("?before=5&limit=3");
        JsonNode last = page("?before=3&limit=3");

        assertThat(seqs(page)).containsExactly(4, 3, 2);
        assertThat(page.get("hasMore").booleanValue()).isTrue();
        assertThat(seqs(last)).containsExactly(2, 1);
        assertThat(last.get("hasMore").booleanValue()).isFalse();
    }

    @Test
    void after_a_seq_answers_newer_messages_oldest_first() {
        JsonNode page = page("?after=115&limit=3");
        JsonNode last = page("?after=117&limit=3");

        assertThat(seqs(page)).containsExactly(116, 117, 118);
        assertThat(page.get("hasMore").booleanValue()).isTrue();
        assertThat(seqs(last)).containsExactly(118, 119, 120);
        assertThat(last.get("hasMore").booleanValue()).isFalse();
    }

    @Test
    void the_default_page_holds_fifty_messages() {
        assertThat(page("").get("items")).hasSize(50);
    }

    @Test
    void a_limit_above_one_hundred_is_capped_at_one_hundred() {
        JsonNode page = page("?limit=1000");

        assertThat(page.get("items")).hasSize(100);
        assertThat(page.get("hasMore").booleanValue()).isTrue();
    }

    @Test
    void cursors_and_limits_that_are_not_integers_are_bad_requests() {
        for (String query : new String[] {"?before=abc", "?after=1.5", "?limit=ten", "?before=99999999999999999999"}) {
            HttpResponse<String> response = api.get("/api/chat/conversations/" + conversation + "/messages" + query, patient);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("code").stringValue()).isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void both_cursors_at_once_or_a_limit_below_one_are_unprocessable() {
        assertThat(api.get("/api/chat/conversations/" + conversation + "/messages?before=5&after=2", patient).statusCode())
                .isEqualTo(422);
        assertThat(api.get("/api/chat/conversations/" + conversation + "/messages?limit=0", patient).statusCode())
                .isEqualTo(422);
    }
}
