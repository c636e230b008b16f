package org.carechat.adapter.inmemory;

import org.carechat.application.port.Calls;
import org.carechat.application.port.contract.CallsContract;

final class InMemoryCallsContractTest extends CallsContract {
    @Override
    protected Calls create() {
        return new InMemoryCalls();
    }
}
