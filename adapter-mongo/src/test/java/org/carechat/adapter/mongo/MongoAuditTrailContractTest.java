package org.carechat.adapter.mongo;

import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.contract.AuditTrailContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoAuditTrailContractTest extends AuditTrailContract {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Override
    protected AuditTrail create() {
        return mongo.openStore().auditTrail();
    }
}
