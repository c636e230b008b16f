package org.carechat.adapter.sqlite;

import org.carechat.application.port.contract.ChangesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteChangesContractTest extends ChangesContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected Store create() {
        SqliteStore store = sqlite.openStore();
        return new Store(store.changes(), store.conversations(), store.messages(), store.auditTrail(), store.directory(),
                store.careRelationships());
    }
}
