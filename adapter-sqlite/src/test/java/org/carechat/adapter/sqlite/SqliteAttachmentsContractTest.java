package org.carechat.adapter.sqlite;

import org.carechat.application.port.Attachments;
import org.carechat.application.port.contract.AttachmentsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteAttachmentsContractTest extends AttachmentsContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected Attachments create() {
        return sqlite.openStore().attachments();
    }
}
