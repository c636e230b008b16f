package org.carechat.adapter.inmemory;

import org.carechat.application.port.Attachments;
import org.carechat.application.port.contract.AttachmentsContract;

final class InMemoryAttachmentsContractTest extends AttachmentsContract {
    @Override
    protected Attachments create() {
        return new InMemoryAttachments();
    }
}
