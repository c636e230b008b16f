package org.carechat.adapter.mongo;

import org.carechat.application.port.Conversations;
import org.carechat.application.port.contract.ConversationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoConversationsContractTest extends ConversationsContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected Conversations create() {
        return mongo.openStore().conversations();
    }
}
