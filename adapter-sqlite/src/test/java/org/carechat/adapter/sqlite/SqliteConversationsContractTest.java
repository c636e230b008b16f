package org.carechat.adapter.sqlite;

import org.carechat.application.port.Conversations;
import org.carechat.application.port.contract.ConversationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteConversationsContractTest extends ConversationsContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected Conversations create() {
        return sqlite.openStore().conversations();
    }
}
