package org.carechat.adapter.mongo;

import org.carechat.application.port.Messages;
import org.carechat.application.port.contract.MessagesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoMessagesContractTest extends MessagesContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected Messages create() {
        return mongo.openStore().messages();
    }
}
