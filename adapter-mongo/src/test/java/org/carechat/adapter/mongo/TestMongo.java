package org.carechat.adapter.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
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
 * variable {@value #URI_VARIABLE} is set, every test runs against the real MongoDB at that URI; otherwise
 * against mongo-java-server in this JVM: its H2 backend on a file (what the standalone server uses, through
 * {@link EmbeddedMongo}), or, where a test asks for it, its in-memory backend. Each {@link #openStore()} gets a
 * fresh database, dropped after the test; nothing else differs between the databases.
 *
 * <p>Register it per test: {@code @RegisterExtension final TestMongo mongo = TestMongo.fresh();}
 */
final class TestMongo implements AfterEachCallback {
    static final String URI_VARIABLE = "CHAT_TEST_MONGO_URI";

    /** Which server a test talks to, when no real MongoDB is given. */
    enum Backend {
        /** The H2 backend on a file, through {@link EmbeddedMongo}: what the server uses by default. */
        H2_FILE,
        /** The in-memory backend of mongo-java-server. */
        IN_MEMORY
    }

    private static final Map<Backend, String> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, MongoClient> ADMIN_CLIENTS = new ConcurrentHashMap<>();

    private final Backend backend;
    private final List<MongoStore> stores = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    private TestMongo(Backend backend) {
        this.backend = backend;
    }

    /** Fresh databases on the real MongoDB if one is given, else on the H2 backend. */
    static TestMongo fresh() {
        return new TestMongo(Backend.H2_FILE);
    }

    /** Fresh databases on the real MongoDB if one is given, else on {@code backend}. */
    static TestMongo fresh(Backend backend) {
        return new TestMongo(backend);
    }

    static boolean usesRealMongo() {
        String uri = System.getenv(URI_VARIABLE);
        return uri != null && !uri.isBlank();
    }

    /** The server this test talks to. */
    String connectionString() {
        if (usesRealMongo()) {
            return System.getenv(URI_VARIABLE);
        }
        return SERVERS.computeIfAbsent(backend, TestMongo::startServer);
    }

    /** Settings for a fresh database of this test, dropped after it. */
    synchronized MongoStoreSettings freshSettings() {
        String database = "carechat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        databases.add(database);
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

    private static String startServer(Backend backend) {
        return switch (backend) {
            case H2_FILE -> {
                Path directory = temporaryDirectory();
                EmbeddedMongo mongo = EmbeddedMongo.open(directory, 0, EmbeddedMongo.Durability.WRITTEN);
                onExit(() -> {
                    mongo.close();
                    delete(directory);
                });
                yield mongo.connectionString();
            }
            case IN_MEMORY -> {
                MongoServer server = new MongoServer(new MemoryBackend());
                server.bind("127.0.0.1", 0);
                onExit(server::shutdownNow);
                yield "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            }
        };
    }

    private static void onExit(Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, "test-mongo-shutdown"));
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("carechat-mongo-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
