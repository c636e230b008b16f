package org.carechat.bootstrap.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.carechat.adapter.filesystem.FileSystemBlobs;
import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryChanges;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.adapter.mongo.MongoStore;
import org.carechat.adapter.mongo.MongoStoreSettings;
import org.carechat.adapter.sqlite.SqliteStore;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;

/**
 * Opens the store the configuration names: the embedded durable store (the default: one SQLite file in the data
 * directory), a MongoDB, or memory. Attachment bytes live as files next to a durable store and in memory with the
 * memory store.
 */
final class StoreFactory {
    private StoreFactory() {
    }

    static StorePorts open(ServerConfig config) {
        return switch (config.store()) {
            case "memory" -> memory();
            case "embedded" -> embedded(config);
            case "mongo" -> mongo(config, config.mongoUri());
            default -> throw new ConfigException("unknown store '" + config.store() + "'");
        };
    }

    private static StorePorts memory() {
        InMemoryConversations conversations = new InMemoryConversations();
        InMemoryMessages messages = new InMemoryMessages();
        InMemoryCareRelationships care = new InMemoryCareRelationships();
        InMemoryDirectory directory = new InMemoryDirectory();
        InMemoryAuditTrail trail = new InMemoryAuditTrail();
        return new StorePorts(conversations, messages, care, directory, new InMemoryAttachments(), new InMemoryBlobs(),
                trail, new InMemoryChanges(conversations, messages, trail, directory, care), () -> true, () -> { }, null);
    }

    private static StorePorts embedded(ServerConfig config) {
        EmbeddedFiles.requireNoPreviousStore(config.dataDir());
        SqliteStore store;
        try {
            store = SqliteStore.open(EmbeddedFiles.settings(config, EmbeddedFiles.database(config.dataDir())));
        } catch (IllegalStateException | IllegalArgumentException | StoreUnavailableException e) {
            throw new ConfigException("cannot open the embedded store in " + config.dataDir().toAbsolutePath()
                    + " (is another server using it?): " + e.getMessage(), e);
        }
        try {
            return new StorePorts(store.conversations(), store.messages(), store.careRelationships(), store.directory(),
                    store.attachments(), fileBlobs(config), store.auditTrail(), store.changes(), store.probe(), store, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static StorePorts mongo(ServerConfig config, String uri) {
        MongoStoreSettings settings;
        try {
            settings = MongoStoreSettings.of(uri)
                    .withDatabaseName(config.mongoDatabase())
                    .withWriteConcern(config.mongoWriteConcern())
                    .withPeopleCacheTtl(config.mongoPeopleCacheTtl())
                    .withTimeout(config.storeTimeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("MongoDB settings: " + e.getMessage(), e);
        }
        Blobs blobs = fileBlobs(config);
        MongoStore store;
        try {
            store = MongoStore.open(settings);
        } catch (StoreUnavailableException e) {
            throw new ConfigException("the database does not answer (" + settings + "): " + e.getMessage(), e);
        }
        return new StorePorts(store.conversations(), store.messages(), store.careRelationships(), store.directory(),
                store.attachments(), blobs, store.auditTrail(), store.changes(), store.probe(), store, null);
    }

    private static Blobs fileBlobs(ServerConfig config) {
        try {
            return new FileSystemBlobs(config.attachmentsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the attachments directory " + config.attachmentsDir(), e);
        }
    }
}
