package org.carechat.adapter.inmemory;

import org.carechat.application.port.Messages;
import org.carechat.application.port.contract.MessagesContract;

final class InMemoryMessagesContractTest extends MessagesContract {
    @Override
    protected Messages create() {
        return new InMemoryMessages();
    }
}
