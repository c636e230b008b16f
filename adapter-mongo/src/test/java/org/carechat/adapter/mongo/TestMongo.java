package org.carechat.adapter.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the tests of this module get their database, and the only place that decides it. When the environment
 * variable {@value #URI_VARIABLE} is set, every test runs against the real MongoDB at that URI; otherwise against
 * mongo-java-server with its H2 backend on a file in a temporary directory, started once per test JVM through
 * {@link EmbeddedMongo}: what the standalone server uses. Each {@link #openStore()} or {@link #freshSettings()}
 * gets a fresh database, dropped after the test; nothing else differs between the two.
 *
 * <p>The shared embedded server acknowledges a write once it is written to its file
 * ({@link EmbeddedMongo.Durability#WRITTEN}), not forced to disk: the stores see the same behaviour, minus an
 * fsync per write that would only slow the suite. The tests of {@link EmbeddedMongo} itself (durability,
 * crash, outage) start their own, with the default durability.
 *
 * <p>Register it per test: {@code @RegisterExtension final TestMongo mongo = TestMongo.fresh();}
 */
final class TestMongo implements AfterEachCallback {
    static final String URI_VARIABLE = "CHAT_TEST_MONGO_URI";

    private static final Object EMBEDDED_LOCK = new Object();
    private static String embeddedConnectionString;
    private static final Map<String, MongoClient> ADMIN_CLIENTS = new ConcurrentHashMap<>();

    private final List<MongoStore> stores = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    private TestMongo() {
    }

    static TestMongo fresh() {
        return new TestMongo();
    }

    private static boolean usesRealMongo() {
        String uri = System.getenv(URI_VARIABLE);
        return uri != null && !uri.isBlank();
    }

    /** The server this test talks to. */
    String connectionString() {
        if (usesRealMongo()) {
            return System.getenv(URI_VARIABLE);
        }
        synchronized (EMBEDDED_LOCK) {
            if (embeddedConnectionString == null) {
                embeddedConnectionString = startEmbedded();
            }
            return embeddedConnectionString;
        }
    }

    /** Settings for a fresh database of this test, dropped after it. */
    synchronized MongoStoreSettings freshSettings() {
        String database = "carechat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        databases.add(database);
        // Generous: on a loaded test machine, slowness must not pass for an outage.
        return MongoStoreSettings.of(connectionString()).withDatabaseName(database).withTimeout(Duration.ofSeconds(10));
    }

    /** A store on a fresh database, closed and dropped after the test. */
    synchronized MongoStore openStore() {
        return track(MongoStore.open(freshSettings()));
    }

    /** Closes {@code store} after the test. */
    synchronized MongoStore track(MongoStore store) {
        stores.add(store);
        return store;
    }

    /** A plain client on the test's server, for looking at what the stores wrote. */
    MongoClient adminClient() {
        return ADMIN_CLIENTS.computeIfAbsent(connectionString(), MongoClients::create);
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        stores.forEach(MongoStore::close);
        stores.clear();
        MongoClient admin = adminClient();
        databases.forEach(database -> admin.getDatabase(database).drop());
        databases.clear();
    }

    private static String startEmbedded() {
        Path directory = temporaryDirectory();
        EmbeddedMongo mongo = EmbeddedMongo.open(directory, 0, EmbeddedMongo.Durability.WRITTEN);
        onExit(() -> {
            mongo.close();
            delete(directory);
        });
        return mongo.connectionString();
    }

    private static void onExit(Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, "test-mongo-shutdown"));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("carechat-mongo-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
