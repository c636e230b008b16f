package org.carechat.adapter.inmemory;

import org.carechat.application.port.contract.ChangesContract;

final class InMemoryChangesContractTest extends ChangesContract {
    @Override
    protected Store create() {
        InMemoryConversations conversations = new InMemoryConversations();
        InMemoryMessages messages = new InMemoryMessages();
        InMemoryAuditTrail trail = new InMemoryAuditTrail();
        InMemoryDirectory directory = new InMemoryDirectory();
        InMemoryCareRelationships care = new InMemoryCareRelationships();
        return new Store(new InMemoryChanges(conversations, messages, trail, directory, care), conversations, messages,
                trail, directory, care);
    }
}
