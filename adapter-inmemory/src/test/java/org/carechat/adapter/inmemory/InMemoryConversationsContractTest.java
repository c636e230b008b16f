package org.carechat.adapter.inmemory;

import org.carechat.application.port.Conversations;
import org.carechat.application.port.contract.ConversationsContract;

final class InMemoryConversationsContractTest extends ConversationsContract {
    @Override
    protected Conversations create() {
        return new InMemoryConversations();
    }
}
