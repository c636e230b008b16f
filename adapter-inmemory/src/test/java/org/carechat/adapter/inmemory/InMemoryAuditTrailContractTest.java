package org.carechat.adapter.inmemory;

import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.contract.AuditTrailContract;

final class InMemoryAuditTrailContractTest extends AuditTrailContract {
    @Override
    protected AuditTrail create() {
        return new InMemoryAuditTrail();
    }
}
