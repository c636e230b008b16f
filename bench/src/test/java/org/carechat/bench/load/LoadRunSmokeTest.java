package org.carechat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carechat.bench.server.Rest;
import org.carechat.bench.server.Seeding;
import org.carechat.bench.server.Tokens;
import org.carechat.bootstrap.config.Option;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.server.CareChatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator against a real server in this JVM, for a moment and at a trickle: it proves the generator
 * speaks the protocol and accounts for every message, not how fast anything is (no benchmark runs in the build).
 */
class LoadRunSmokeTest {
    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
    private static CareChatServer server;

    @BeforeAll
    static void start() {
        server = CareChatServer.start(ServerConfig.defaults(Map.of(Option.PORT, "0", Option.HOST, "127.0.0.1", Option.STORE, "memory",
                Option.JWT_SECRET, SECRET, Option.RATE_PER_SECOND, "1000", Option.RATE_BURST, "1000")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_message_is_acknowledged_and_delivered_and_accounted_for() throws Exception {
        URI http = URI.create("http://127.0.0.1:" + server.port());
        try (Rest rest = new Rest(http); WsClients clients = new WsClients(1)) {
            List<Seeding.Pair> pairs = Seeding.pairs(rest, new Tokens(SECRET), 3, true);
            assertThat(pairs).allSatisfy(pair -> assertThat(pair.conversationId()).startsWith("c_"));
            try (LoadRun load = new LoadRun(clients, http, Dialect.CARECHAT)) {
                load.connect(pairs, InetAddress.getLoopbackAddress());
                LoadResult result = load.run(new LoadRun.Plan(150, Duration.ofMillis(300), Duration.ofMillis(700),
                        Duration.ofSeconds(10), 40, 1000), new LoadRun.Window() {
                            @Override
                            public void opened() {
                            }

                            @Override
                            public void closed() {
                            }
                        });
                assertThat(result.sent()).isEqualTo(150);
                assertThat(result.measuredSent()).isEqualTo(105);
                assertThat(result.acked()).isEqualTo(150);
                assertThat(result.delivered()).isEqualTo(150);
                assertThat(result.lost()).isZero();
                assertThat(result.refused()).isZero();
                assertThat(result.duplicates()).isZero();
                assertThat(result.outOfOrder()).isZero();
                assertThat(result.unmatched()).isZero();
                assertThat(result.ack().count()).isEqualTo(105);
                assertThat(result.delivery().count()).isEqualTo(105);
                assertThat(result.closes()).isEmpty();
            }
        }
    }

    @Test
    void a_refused_message_is_counted_as_refused_not_lost() throws Exception {
        URI http = URI.create("http://127.0.0.1:" + server.port());
        try (Rest rest = new Rest(http); WsClients clients = new WsClients(1)) {
            List<Seeding.Pair> seeded = Seeding.pairs(rest, new Tokens(SECRET), 1, true);
            // a conversation id the patient is not part of: every send is refused (NOT_FOUND)
            Seeding.Pair wrong = new Seeding.Pair(0, "p0", "d0", seeded.get(0).patientToken(), seeded.get(0).doctorToken(),
                    "c_not_theirs");
            try (LoadRun load = new LoadRun(clients, http, Dialect.CARECHAT)) {
                load.connect(List.of(wrong), InetAddress.getLoopbackAddress());
                LoadResult result = load.run(new LoadRun.Plan(20, Duration.ZERO, Duration.ofMillis(500),
                        Duration.ofSeconds(5), 10, 1000), new LoadRun.Window() {
                            @Override
                            public void opened() {
                            }

                            @Override
                            public void closed() {
                            }
                        });
                assertThat(result.sent()).isEqualTo(10);
                assertThat(result.refused()).isEqualTo(10);
                assertThat(result.lost()).isZero();
                assertThat(result.errors()).containsEntry("NOT_FOUND", 10L);
                assertThat(result.held(50)).isFalse();
            }
        }
    }
}
