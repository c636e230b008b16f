package org.carechat.adapter.inmemory;

import org.carechat.application.port.Presence;
import org.carechat.application.port.contract.PresenceContract;

final class InMemoryPresenceContractTest extends PresenceContract {
    @Override
    protected Presence create() {
        return new InMemoryPresence();
    }
}
