package org.carechat.bootstrap.server;

import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;

/** Opens the store the configuration names. */
final class StoreFactory {
    private StoreFactory() {
    }

    static StorePorts open(ServerConfig config) {
        if ("memory".equals(config.store())) {
            return new StorePorts(new InMemoryConversations(), new InMemoryMessages(), new InMemoryCareRelationships(),
                    new InMemoryDirectory(), new InMemoryAttachments(), new InMemoryBlobs(), new InMemoryAuditTrail(),
                    () -> true, () -> { });
        }
        throw new ConfigException("unknown store '" + config.store() + "'");
    }
}
