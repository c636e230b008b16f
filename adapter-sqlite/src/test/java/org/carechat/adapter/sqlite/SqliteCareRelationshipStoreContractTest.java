package org.carechat.adapter.sqlite;

import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.contract.CareRelationshipStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteCareRelationshipStoreContractTest extends CareRelationshipStoreContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected CareRelationshipStore create() {
        return sqlite.openStore().careRelationships();
    }
}
