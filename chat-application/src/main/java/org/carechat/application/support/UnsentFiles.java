package org.carechat.application.support;

import java.time.Clock;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.Messages;
import org.carechat.domain.attachment.AttachmentId;

/**
 * The one rule for a file that may have lost its last message (a send that was not stored, an edit or deletion
 * that dropped it): when no message carries it, it counts as unsent from now, is kept for the retention time and
 * then deleted ({@link org.carechat.application.attachment.AttachmentRetention}).
 */
public final class UnsentFiles {
    private final Messages messages;
    private final Attachments attachments;
    private final Clock clock;

    public UnsentFiles(Messages messages, Attachments attachments, Clock clock) {
        this.messages = messages;
        this.attachments = attachments;
        this.clock = clock;
    }

    public void releaseIfNoMessageCarries(AttachmentId attachment) {
        if (messages.referencing(attachment).isEmpty()) {
            attachments.markUnreferenced(attachment, clock.instant());
        }
    }
}
