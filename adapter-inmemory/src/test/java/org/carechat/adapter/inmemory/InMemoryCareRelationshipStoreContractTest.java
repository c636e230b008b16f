package org.carechat.adapter.inmemory;

import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.contract.CareRelationshipStoreContract;

final class InMemoryCareRelationshipStoreContractTest extends CareRelationshipStoreContract {
    @Override
    protected CareRelationshipStore create() {
        return new InMemoryCareRelationships();
    }
}
