package org.carechat.application.attachment;

import org.carechat.application.Actor;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.failure.Result;

/**
 * Whether someone may be handed a short-lived link to download a file now (a browser's {@code <img src>} or
 * download link, which carries no token): the same rule as the download itself, so a file they may not download
 * does not exist for them here either. The link grants nothing by itself: each use of it is a download, checked
 * and audited again as the person it was handed to.
 */
public interface LinkAttachmentUseCase {

    Result<Attachment> link(LinkAttachment command);

    record LinkAttachment(Actor actor, AttachmentId attachmentId) {
    }
}
