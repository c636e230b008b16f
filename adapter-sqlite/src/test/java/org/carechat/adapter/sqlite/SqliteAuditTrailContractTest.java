package org.carechat.adapter.sqlite;

import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.contract.AuditTrailContract;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SqliteAuditTrailContractTest extends AuditTrailContract {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Override
    protected AuditTrail create() {
        return sqlite.openStore().auditTrail();
    }
}
