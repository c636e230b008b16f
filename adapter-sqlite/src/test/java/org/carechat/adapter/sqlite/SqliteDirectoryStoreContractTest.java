package org.carechat.adapter.sqlite;

import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.contract.DirectoryStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteDirectoryStoreContractTest extends DirectoryStoreContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected DirectoryStore create() {
        return sqlite.openStore().directory();
    }
}
