package org.carechat.adapter.mongo;

import org.carechat.application.port.contract.ChangesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoChangesContractTest extends ChangesContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected Store create() {
        MongoStore store = mongo.openStore();
        return new Store(store.changes(), store.conversations(), store.messages(), store.auditTrail(),
                store.directory(), store.careRelationships());
    }
}
