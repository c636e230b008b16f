package org.carechat.adapter.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.Messages;
import org.carechat.application.port.StoreContents;
import org.carechat.application.port.StoreProbe;
import org.carechat.application.port.StoreUnavailableException;

/**
 * CareChat's data in one MongoDB database: owns the connection, creates what the stores need, and hands
 * out every store port. Nothing of MongoDB leaves this package: callers see the ports only.
 *
 * <p>Every write waits for the configured write concern ({@code majority} with journal by default) before a
 * store method returns, so whatever a use case acknowledges is stored. Every operation is bounded by
 * {@link MongoStoreSettings#timeout()}: when the database is down or unreachable, store methods throw
 * {@link StoreUnavailableException} within about that time (twice that at worst, for a caller that first waited
 * for its turn behind another append to the same conversation), and work again once the database is back, on
 * the same {@code MongoStore}, because the driver reconnects by itself. The same timeout bounds every answer,
 * so an operation the database takes longer than that to answer also fails as unavailable.
 *
 * <p>{@link #open} creates every index idempotently ({@link MongoIndexes}); several instances of the server
 * may start against the same database.
 */
public final class MongoStore implements AutoCloseable {
    private static final int PROBE_POOL_SIZE = 1;

    private final MongoClient client;
    private final MongoClient probeClient;
    private final String databaseName;
    private final MongoConversations conversations;
    private final MongoMessages messages;
    private final MongoCareRelationships careRelationships;
    private final MongoDirectory directory;
    private final MongoAttachments attachments;
    private final MongoAuditTrail auditTrail;
    private final MongoChanges changes;

    private MongoStore(MongoClient client, MongoClient probeClient, String databaseName, Duration timeout,
                       Duration peopleCacheTtl) {
        this.client = client;
        this.probeClient = probeClient;
        this.databaseName = databaseName;
        MongoDatabase database = client.getDatabase(databaseName);
        ConversationCopy conversationCopy = new ConversationCopy();
        PeopleCopy peopleCopy = PeopleCopy.keptFor(peopleCacheTtl);
        this.conversations = new MongoConversations(database.getCollection(MongoIndexes.CONVERSATIONS), timeout,
                conversationCopy);
        this.messages = new MongoMessages(database.getCollection(MongoIndexes.MESSAGES), timeout);
        this.careRelationships = new MongoCareRelationships(database.getCollection(MongoIndexes.CARE_RELATIONSHIPS),
                peopleCopy);
        this.directory = new MongoDirectory(database.getCollection(MongoIndexes.DIRECTORY), peopleCopy);
        this.attachments = new MongoAttachments(database.getCollection(MongoIndexes.ATTACHMENTS));
        this.auditTrail = new MongoAuditTrail(database.getCollection(MongoIndexes.AUDIT));
        this.changes = new MongoChanges(database, conversationCopy, peopleCopy);
    }

    /**
     * Connects and creates the collections' indexes.
     *
     * @throws StoreUnavailableException when the database cannot be reached within the timeout
     */
    public static MongoStore open(MongoStoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        MongoClient client = MongoClients.create(clientSettings(settings, settings.timeout(), null));
        MongoClient probeClient = null;
        try {
            probeClient = MongoClients.create(clientSettings(settings, settings.probeTimeout(), PROBE_POOL_SIZE));
            MongoStore store = new MongoStore(client, probeClient, settings.databaseName(), settings.timeout(),
                    settings.peopleCacheTtl());
            MongoDatabase database = client.getDatabase(settings.databaseName());
            MongoErrors.run("bring stored data up to date", () -> MongoSchema.migrate(database));
            MongoErrors.run("create indexes", () -> MongoIndexes.createAll(database));
            return store;
        } catch (RuntimeException e) {
            client.close();
            if (probeClient != null) {
                probeClient.close();
            }
            throw e;
        }
    }

    private static MongoClientSettings clientSettings(MongoStoreSettings settings, Duration timeout, Integer poolSize) {
        long millis = timeout.toMillis();
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(settings.parsedConnectionString())
                .applicationName("carechat")
                .writeConcern(settings.parsedWriteConcern())
                .readConcern(settings.parsedReadConcern())
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS)
                        .readTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> {
                    pool.maxWaitTime(millis, TimeUnit.MILLISECONDS);
                    if (poolSize != null) {
                        pool.minSize(0).maxSize(poolSize);
                    }
                });
        return builder.build();
    }

    public Conversations conversations() {
        return conversations;
    }

    public Messages messages() {
        return messages;
    }

    public CareRelationshipStore careRelationships() {
        return careRelationships;
    }

    public DirectoryStore directory() {
        return directory;
    }

    public Attachments attachments() {
        return attachments;
    }

    public AuditTrail auditTrail() {
        return auditTrail;
    }

    /** Where the core commits each change as one ({@link MongoChanges}). */
    public Changes changes() {
        return changes;
    }

    public String databaseName() {
        return databaseName;
    }

    /** Everything the database holds, read end to end: to move a clinic's data to another store. */
    public StoreContents contents() {
        return new MongoContents(client.getDatabase(databaseName));
    }

    /**
     * Answers whether the database answers a ping now, within {@link MongoStoreSettings#probeTimeout()}. It uses
     * a connection of its own, so a busy store does not make health checks fail, nor health checks slow the store.
     */
    public StoreProbe probe() {
        MongoDatabase admin = probeClient.getDatabase("admin");
        return () -> {
            try {
                admin.runCommand(new Document("ping", 1));
                return true;
            } catch (MongoException | IllegalStateException e) {
                return false;
            }
        };
    }

    /** Closes the connections; the stores handed out stop working. */
    @Override
    public void close() {
        try {
            probeClient.close();
        } finally {
            client.close();
        }
    }
}
