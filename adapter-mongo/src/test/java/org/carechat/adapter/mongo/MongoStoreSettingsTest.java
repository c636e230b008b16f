package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class MongoStoreSettingsTest {
    private static final String URI = "mongodb://carechat:s3cret-pw@db1.example:27017,db2.example:27017/?replicaSet=rs0";

    @Test
    void defaults_are_majority_with_journal_majority_reads_and_bounded_timeouts() {
        MongoStoreSettings settings = MongoStoreSettings.of(URI);

        assertThat(settings.databaseName()).isEqualTo("carechat");
        assertThat(settings.parsedWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(settings.parsedReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.probeTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void write_concern_is_majority_w1_or_a_number_of_members_always_with_journal() {
        MongoStoreSettings settings = MongoStoreSettings.of(URI);

        assertThat(settings.withWriteConcern("w1").parsedWriteConcern()).isEqualTo(WriteConcern.W1.withJournal(true));
        assertThat(settings.withWriteConcern("3").parsedWriteConcern()).isEqualTo(new WriteConcern(3).withJournal(true));
        assertThat(settings.withWriteConcern("MAJORITY").parsedWriteConcern())
                .isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        for (String refused : new String[] {"w0", "0", "-1", "all", ""}) {
            assertThatThrownBy(() -> settings.withWriteConcern(refused)).as(refused)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void read_concern_is_one_of_the_levels_mongodb_knows() {
        MongoStoreSettings settings = MongoStoreSettings.of(URI);

        assertThat(settings.withReadConcern("local").parsedReadConcern()).isEqualTo(ReadConcern.LOCAL);
        assertThat(settings.withReadConcern("default").parsedReadConcern()).isEqualTo(ReadConcern.DEFAULT);
        assertThatThrownBy(() -> settings.withReadConcern("snapshots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bad_connection_strings_database_names_and_timeouts_are_refused() {
        MongoStoreSettings settings = MongoStoreSettings.of(URI);

        assertThatThrownBy(() -> MongoStoreSettings.of("http://db.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withDatabaseName("care.chat")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withDatabaseName("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withProbeTimeout(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neither_to_string_nor_a_refusal_shows_the_password() {
        assertThat(MongoStoreSettings.of(URI).toString()).doesNotContain("s3cret-pw").contains("db1.example:27017");
        assertThatThrownBy(() -> MongoStoreSettings.of("mongodb://carechat:s3cret-pw@db.example:notaport"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"))
                .hasNoCause();
    }
}
