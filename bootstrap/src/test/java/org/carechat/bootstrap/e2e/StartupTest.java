package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.Option;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.server.CareChatServer;
import org.junit.jupiter.api.Test;

/** A server that cannot be safe does not start, and says why in words an operator can act on. */
class StartupTest {

    private static Map<Option, String> options(Option key, String value) {
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "memory");
        options.put(key, value);
        return options;
    }

    @Test
    void an_hs256_secret_shorter_than_32_bytes_refuses_to_start() {
        ServerConfig config = ServerConfig.defaults(options(Option.JWT_SECRET, "x".repeat(31)));

        assertThatThrownBy(() -> CareChatServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHAT_JWT_SECRET must be at least 32 bytes").hasMessageNotContaining("xxxxxxxx");
    }

    @Test
    void a_public_key_that_is_not_pem_refuses_to_start() {
        Map<Option, String> options = options(Option.JWT_PUBLIC_KEY, "/no/such/key.pem");
        options.remove(Option.JWT_SECRET);

        assertThatThrownBy(() -> CareChatServer.start(ServerConfig.defaults(options))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHAT_JWT_PUBLIC_KEY");
    }

    @Test
    void a_malformed_allowed_origin_refuses_to_start() {
        assertThatThrownBy(() -> CareChatServer.start(ServerConfig.defaults(options(Option.ALLOWED_ORIGINS, "not an origin"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_ALLOWED_ORIGINS");
    }
}
