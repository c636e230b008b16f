package org.carechat.adapter.sqlite;

import org.carechat.application.port.Messages;
import org.carechat.application.port.contract.MessagesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteMessagesContractTest extends MessagesContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected Messages create() {
        return sqlite.openStore().messages();
    }
}
