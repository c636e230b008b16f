package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EmbeddedMongoLifecycleTest {
    @TempDir
    Path dataDirectory;

    @Test
    void it_keeps_its_port_and_connection_string_across_stop_and_start() {
        try (EmbeddedMongo mongo = EmbeddedMongo.open(dataDirectory.resolve("data"))) {
            String connectionString = mongo.connectionString();
            int port = mongo.port();

            mongo.stop();
            assertThat(mongo.isRunning()).isFalse();
            mongo.start();

            assertThat(mongo.isRunning()).isTrue();
            assertThat(mongo.port()).isEqualTo(port).isPositive();
            assertThat(mongo.connectionString()).isEqualTo(connectionString).isEqualTo("mongodb://127.0.0.1:" + port);
            assertThat(mongo.file()).isEqualTo(dataDirectory.resolve("data").resolve(EmbeddedMongo.FILE_NAME));
            assertThat(Files.exists(mongo.file())).isTrue();
        }
    }

    @Test
    void a_second_server_on_the_same_directory_is_refused_while_the_first_runs() {
        try (EmbeddedMongo first = EmbeddedMongo.open(dataDirectory)) {
            assertThatThrownBy(() -> EmbeddedMongo.open(dataDirectory)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(EmbeddedMongo.FILE_NAME);
            assertThat(first.isRunning()).isTrue();
        }
        try (EmbeddedMongo again = EmbeddedMongo.open(dataDirectory)) {
            assertThat(again.isRunning()).isTrue();
        }
    }

    @Test
    void a_closed_server_does_not_start_again() {
        EmbeddedMongo mongo = EmbeddedMongo.open(dataDirectory);
        mongo.close();

        assertThat(mongo.isRunning()).isFalse();
        assertThatThrownBy(mongo::start).isInstanceOf(IllegalStateException.class);
    }
}
