package org.carechat.bootstrap.server;

import org.carechat.adapter.sqlite.SqliteStore;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.Messages;
import org.carechat.application.port.StoreProbe;

/**
 * The ports one store provides (with {@code changes}, where each change is committed with its audit entry), how to
 * tell it answers, how to let it go at shutdown, and the embedded
 * database underneath when there is one (null otherwise).
 */
record StorePorts(Conversations conversations, Messages messages, CareRelationshipStore careRelationships,
                  DirectoryStore directory, Attachments attachments, Blobs blobs, AuditTrail auditTrail,
                  Changes changes, StoreProbe probe, AutoCloseable closer, SqliteStore embedded) {
}
