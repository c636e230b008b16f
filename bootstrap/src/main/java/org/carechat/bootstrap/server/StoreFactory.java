package org.carechat.bootstrap.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.carechat.adapter.filesystem.FileSystemBlobs;
import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.adapter.mongo.EmbeddedMongo;
import org.carechat.adapter.mongo.MongoStore;
import org.carechat.adapter.mongo.MongoStoreSettings;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;

/**
 * Opens the store the configuration names: the embedded durable store (the default), a MongoDB, or memory.
 * Attachment bytes live as files next to a durable store and in memory with the memory store.
 */
final class StoreFactory {
    private StoreFactory() {
    }

    static StorePorts open(ServerConfig config) {
        return switch (config.store()) {
            case "memory" -> new StorePorts(new InMemoryConversations(), new InMemoryMessages(),
                    new InMemoryCareRelationships(), new InMemoryDirectory(), new InMemoryAttachments(),
                    new InMemoryBlobs(), new InMemoryAuditTrail(), () -> true, () -> { }, null);
            case "embedded" -> embedded(config);
            case "mongo" -> mongo(config, config.mongoUri(), null);
            default -> throw new ConfigException("unknown store '" + config.store() + "'");
        };
    }

    private static StorePorts embedded(ServerConfig config) {
        EmbeddedMongo embedded;
        try {
            embedded = EmbeddedMongo.open(config.dataDir(), 0, "written".equals(config.embeddedDurability())
                    ? EmbeddedMongo.Durability.WRITTEN : EmbeddedMongo.Durability.SYNCED);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open the embedded store in " + config.dataDir().toAbsolutePath()
                    + " (is another server using it?): " + e.getMessage(), e);
        }
        try {
            return mongo(config, embedded.connectionString(), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static StorePorts mongo(ServerConfig config, String uri, EmbeddedMongo underneath) {
        MongoStoreSettings settings;
        try {
            settings = MongoStoreSettings.of(uri)
                    .withDatabaseName(config.mongoDatabase())
                    .withWriteConcern(config.mongoWriteConcern())
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
                store.attachments(), blobs, store.auditTrail(), store.probe(), () -> {
                    store.close();
                    if (underneath != null) {
                        underneath.close();
                    }
                }, underneath);
    }

    private static Blobs fileBlobs(ServerConfig config) {
        try {
            return new FileSystemBlobs(config.attachmentsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the attachments directory " + config.attachmentsDir(), e);
        }
    }
}
