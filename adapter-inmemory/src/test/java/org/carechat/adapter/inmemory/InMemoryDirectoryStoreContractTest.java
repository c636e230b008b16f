package org.carechat.adapter.inmemory;

import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.contract.DirectoryStoreContract;

final class InMemoryDirectoryStoreContractTest extends DirectoryStoreContract {
    @Override
    protected DirectoryStore create() {
        return new InMemoryDirectory();
    }
}
