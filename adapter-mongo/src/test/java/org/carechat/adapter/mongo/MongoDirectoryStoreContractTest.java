package org.carechat.adapter.mongo;

import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.contract.DirectoryStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoDirectoryStoreContractTest extends DirectoryStoreContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected DirectoryStore create() {
        return mongo.openStore().directory();
    }
}
