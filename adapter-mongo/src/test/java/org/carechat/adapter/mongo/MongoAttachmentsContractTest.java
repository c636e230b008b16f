package org.carechat.adapter.mongo;

import org.carechat.application.port.Attachments;
import org.carechat.application.port.contract.AttachmentsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoAttachmentsContractTest extends AttachmentsContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected Attachments create() {
        return mongo.openStore().attachments();
    }
}
