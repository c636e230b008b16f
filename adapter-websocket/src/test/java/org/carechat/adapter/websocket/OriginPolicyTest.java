package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(Set.of("https://app.example.org", "http://localhost:3000"));

    @Test
    void a_native_client_without_origin_is_allowed() {
        assertThat(policy.allows(null, "chat.example.org")).isTrue();
    }

    @Test
    void listed_origins_are_allowed_however_they_are_spelled() {
        assertThat(policy.allows("https://app.example.org", "chat.example.org")).isTrue();
        assertThat(policy.allows("https://APP.example.org:443", "chat.example.org")).isTrue();
        assertThat(policy.allows("http://localhost:3000", "chat.example.org")).isTrue();
    }

    @Test
    void the_servers_own_origin_is_always_allowed() {
        assertThat(policy.allows("https://chat.example.org", "chat.example.org")).isTrue();
        assertThat(policy.allows("http://chat.example.org:8080", "chat.example.org:8080")).isTrue();
        assertThat(new OriginPolicy(Set.of()).allows("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
    }

    @Test
    void any_other_origin_is_refused() {
        assertThat(policy.allows("https://evil.example.com", "chat.example.org")).isFalse();
        assertThat(policy.allows("http://app.example.org", "chat.example.org")).isFalse();
        assertThat(policy.allows("https://app.example.org.evil.com", "chat.example.org")).isFalse();
        assertThat(policy.allows("http://chat.example.org:9090", "chat.example.org:8080")).isFalse();
        assertThat(policy.allows("null", "chat.example.org")).isFalse();
        assertThat(policy.allows("not an origin", "chat.example.org")).isFalse();
        assertThat(policy.allows("https://chat.example.org", null)).isFalse();
        assertThat(policy.allows("https://chat.example.org", "bad host/")).isFalse();
    }
}
