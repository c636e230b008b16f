package org.carechat.adapter.mongo;

import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.contract.CareRelationshipStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoCareRelationshipStoreContractTest extends CareRelationshipStoreContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected CareRelationshipStore create() {
        return mongo.openStore().careRelationships();
    }
}
