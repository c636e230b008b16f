package org.carechat.adapter.inmemory;

import org.carechat.application.port.Blobs;
import org.carechat.application.port.contract.BlobsContract;

final class InMemoryBlobsContractTest extends BlobsContract {
    @Override
    protected Blobs create() {
        return new InMemoryBlobs();
    }
}
