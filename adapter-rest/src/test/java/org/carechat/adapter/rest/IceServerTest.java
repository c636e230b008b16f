package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** CHAT_ICE_SERVERS as configured: a JSON array of RTCIceServers, refused with a reason when it is anything else. */
class IceServerTest {

    @Test
    void stun_and_turn_servers_are_read_in_the_shape_a_browser_takes() {
        List<IceServer> servers = IceServer.parseAll("[{\"urls\": \"stun:stun.example.org:3478\"}, {\"urls\": "
                + "[\"turn:turn.example.org:3478?transport=udp\", \"turns:turn.example.org:5349\"], \"username\": \"u\", "
                + "\"credential\": \"c\"}]");

        assertThat(servers).containsExactly(new IceServer(List.of("stun:stun.example.org:3478"), null, null),
                new IceServer(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"), "u", "c"));
        assertThat(servers.get(0).toJson().toString()).isEqualTo("{\"urls\":[\"stun:stun.example.org:3478\"]}");
        assertThat(servers.get(1).toJson().toString()).isEqualTo("{\"urls\":[\"turn:turn.example.org:3478?transport=udp\","
                + "\"turns:turn.example.org:5349\"],\"username\":\"u\",\"credential\":\"c\"}");
    }

    @Test
    void nothing_or_an_empty_array_is_no_server() {
        assertThat(IceServer.parseAll(null)).isEmpty();
        assertThat(IceServer.parseAll("  ")).isEmpty();
        assertThat(IceServer.parseAll("[]")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "stun:x                                                    | not JSON",
        "[{\"urls\": \"stun:x\"}                                   | not JSON",
        "{\"urls\": \"stun:x\"}                                    | not a JSON array",
        "\"stun:x\"                                                | not a JSON array",
        "[\"stun:x\"]                                              | entry 1: not an object",
        "[{}]                                                      | entry 1: no urls",
        "[{\"urls\": null}]                                        | entry 1: no urls",
        "[{\"urls\": []}]                                          | entry 1: an ICE server needs at least one url",
        "[{\"urls\": 3478}]                                        | entry 1: urls is a string or an array of strings",
        "[{\"urls\": [\"stun:x\", 1]}]                             | entry 1: urls holds something other than a string",
        "[{\"urls\": \"stun:x\"}, {\"urls\": \"http://x\"}]        | entry 2: an ICE server url starts with stun:, stuns:, turn: or turns:",
        "[{\"urls\": \"stun:\"}]                                   | entry 1: an ICE server url starts with stun:",
        "[{\"urls\": \"turnx:x\"}]                                 | entry 1: an ICE server url starts with stun:",
        "[{\"urls\": \"stun:a b\"}]                                | entry 1: an ICE server url must be printable ASCII",
        "[{\"urls\": \"stun:x\", \"credentialType\": \"password\"}] | entry 1: unknown field 'credentialType'",
        "[{\"urls\": \"turn:x\"}]                                  | entry 1: a TURN server (turn:x) needs a username and a credential",
        "[{\"urls\": \"turn:x\", \"username\": \"u\"}]             | entry 1: an ICE server has a username and a credential together, or neither",
        "[{\"urls\": \"turns:x\", \"credential\": \"c\"}]          | entry 1: an ICE server has a username and a credential together, or neither",
        "[{\"urls\": \"turn:x\", \"username\": 7, \"credential\": \"c\"}] | entry 1: username is a string",
        "[{\"urls\": \"turn:x\", \"username\": \"\", \"credential\": \"c\"}] | entry 1: an ICE server's username is 1 to 512 characters"})
    void anything_else_is_refused_naming_the_entry_and_the_fault(String json, String message) {
        assertThatThrownBy(() -> IceServer.parseAll(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void a_refusal_never_shows_the_credential() {
        assertThatThrownBy(() -> IceServer.parseAll("[{\"urls\": \"turn:x\", \"username\": \"u\", \"credential\": \"s3cret-pass\", "
                + "\"extra\": 1}]")).hasMessageNotContaining("s3cret-pass");
        assertThat(new IceServer(List.of("turn:x"), "u", "s3cret-pass").toString()).doesNotContain("s3cret-pass");
        assertThat(RestSettings.standard().withIceServers(List.of(new IceServer(List.of("turn:x"), "u", "s3cret-pass")))
                .toString()).doesNotContain("s3cret-pass");
    }

    @Test
    void a_list_longer_than_any_deployment_needs_is_refused() {
        String many = "[" + String.join(",", java.util.Collections.nCopies(IceServer.MAX_SERVERS + 1, "{\"urls\":\"stun:x\"}")) + "]";

        assertThatThrownBy(() -> IceServer.parseAll(many)).hasMessageContaining("at most " + IceServer.MAX_SERVERS);
    }
}
