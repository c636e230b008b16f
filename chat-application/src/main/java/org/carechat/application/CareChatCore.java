package org.carechat.application;

import org.carechat.application.admin.AdminService;
import org.carechat.application.admin.ExportConversationService;
import org.carechat.application.admin.ExportConversationUseCase;
import org.carechat.application.admin.OpenCareRelationshipUseCase;
import org.carechat.application.admin.QueryAuditUseCase;
import org.carechat.application.admin.RevokeCareRelationshipUseCase;
import org.carechat.application.admin.UpsertUserUseCase;
import org.carechat.application.attachment.AttachmentRetention;
import org.carechat.application.attachment.AttachmentService;
import org.carechat.application.attachment.DownloadAttachmentUseCase;
import org.carechat.application.attachment.LinkAttachmentUseCase;
import org.carechat.application.attachment.UploadAttachmentUseCase;
import org.carechat.application.auth.AuthenticateService;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.breakglass.BreakGlassService;
import org.carechat.application.breakglass.BreakGlassUseCase;
import org.carechat.application.breakglass.ReviewBreakGlassUseCase;
import org.carechat.application.call.AnswerCallUseCase;
import org.carechat.application.call.CallHistoryUseCase;
import org.carechat.application.call.CallService;
import org.carechat.application.call.RelayCallSignalUseCase;
import org.carechat.application.call.RequestCallUseCase;
import org.carechat.application.conversation.CareChangeNotices;
import org.carechat.application.conversation.ConversationService;
import org.carechat.application.conversation.GetConversationUseCase;
import org.carechat.application.conversation.ListConversationsService;
import org.carechat.application.conversation.ListConversationsUseCase;
import org.carechat.application.conversation.OpenConversationUseCase;
import org.carechat.application.conversation.SetMutedUseCase;
import org.carechat.application.conversation.SetPinnedUseCase;
import org.carechat.application.conversation.UnreadCountUseCase;
import org.carechat.application.limits.RequestBudgets;
import org.carechat.application.messaging.AcknowledgeMessageUseCase;
import org.carechat.application.messaging.AddReactionUseCase;
import org.carechat.application.messaging.DeleteMessageUseCase;
import org.carechat.application.messaging.EditMessageUseCase;
import org.carechat.application.messaging.MarkDeliveredUseCase;
import org.carechat.application.messaging.MarkReadUseCase;
import org.carechat.application.messaging.MessageChanges;
import org.carechat.application.messaging.ReadHistoryService;
import org.carechat.application.messaging.ReadHistoryUseCase;
import org.carechat.application.messaging.Receipts;
import org.carechat.application.messaging.RemoveReactionUseCase;
import org.carechat.application.messaging.SearchMessagesService;
import org.carechat.application.messaging.SearchMessagesUseCase;
import org.carechat.application.messaging.SendMessageService;
import org.carechat.application.messaging.SendMessageUseCase;
import org.carechat.application.messaging.UrgentFollowUps;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.TokenVerifier;
import org.carechat.application.presence.CloseSessionUseCase;
import org.carechat.application.presence.ListContactsUseCase;
import org.carechat.application.presence.OpenSessionUseCase;
import org.carechat.application.presence.PresenceService;
import org.carechat.application.presence.QueryPresenceUseCase;
import org.carechat.application.presence.SetStatusUseCase;
import org.carechat.application.presence.StartTypingUseCase;
import org.carechat.application.presence.StopTypingUseCase;
import org.carechat.application.presence.TypingService;
import org.carechat.application.retention.ClearConversationRetentionUseCase;
import org.carechat.application.retention.LiftLegalHoldUseCase;
import org.carechat.application.retention.ListLegalHoldsUseCase;
import org.carechat.application.retention.PlaceLegalHoldUseCase;
import org.carechat.application.retention.RetentionAdminService;
import org.carechat.application.retention.RetentionPurge;
import org.carechat.application.retention.SetConversationRetentionUseCase;
import org.carechat.application.support.Audit;
import org.carechat.application.support.BreakGlassGrants;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.Contacts;
import org.carechat.application.support.ConversationLocks;
import org.carechat.application.support.GuardedNotifier;
import org.carechat.application.support.MessageWriter;
import org.carechat.application.support.OfflinePush;
import org.carechat.application.support.PageLimits;
import org.carechat.application.support.RetentionRecords;
import org.carechat.application.support.TypingTracker;
import org.carechat.application.support.UnsentFiles;
import org.carechat.application.support.Views;

/**
 * The core of CareChat, wired from its ports and settings: every use case, ready for a driving adapter
 * (WebSocket, REST) or for a clinic backend that calls it directly.
 */
public final class CareChatCore {
    private final ChatPorts ports;
    private final ChatSettings settings;
    private final SendMessageService send;
    private final MessageChanges changes;
    private final UrgentFollowUps urgentFollowUps;
    private final Receipts receipts;
    private final ReadHistoryService history;
    private final SearchMessagesService search;
    private final ListConversationsService list;
    private final ConversationService conversation;
    private final TypingService typing;
    private final PresenceService presence;
    private final CallService calls;
    private final AttachmentService attachments;
    private final AttachmentRetention attachmentRetention;
    private final AdminService admin;
    private final ExportConversationService export;
    private final BreakGlassService breakGlass;
    private final RetentionAdminService retentionAdmin;
    private final RetentionPurge retentionPurge;
    private final Audit audit;
    private final RequestBudgets budgets;

    public CareChatCore(ChatPorts ports, ChatSettings settings) {
        this.ports = ports;
        this.settings = settings;
        // delivery is best effort: whatever a transport throws while fanning out never undoes a stored change
        Notifier notifier = new GuardedNotifier(ports.notifier());
        var breakGlassGrants = new BreakGlassGrants(ports.auditTrail(), settings.breakGlass(), ports.clock());
        var access = new CareAccess(ports.conversations(), ports.messages(), ports.directory(),
                ports.careRelationships(), settings.carePolicy(), breakGlassGrants, ports.clock());
        var locks = new ConversationLocks();
        this.audit = new Audit(ports.changes(), locks, notifier, ports.ids(), ports.clock());
        var views = new Views(ports.directory(), ports.presence(), ports.messages(), access);
        var offlinePush = new OfflinePush(ports.presence(), ports.push(), ports.timers());
        var writer = new MessageWriter(ports.conversations(), offlinePush);
        var tracker = new TypingTracker(ports.timers(), ports.clock(), notifier, settings.typingTtl());
        var limits = new PageLimits(settings.maxPageLimit());
        var contacts = new Contacts(ports.conversations(), ports.careRelationships(), ports.directory(), access, ports.clock());

        var unsentFiles = new UnsentFiles(ports.messages(), ports.attachments(), ports.clock());
        this.send = new SendMessageService(access, ports.messages(), ports.conversations(), ports.attachments(), writer,
                unsentFiles, tracker, views, audit, settings.messageRules(), ports.ids(), ports.clock());
        this.changes = new MessageChanges(access, ports.messages(), unsentFiles, views, audit,
                settings.messageRules(), ports.clock());
        this.urgentFollowUps = new UrgentFollowUps(ports.messages(), ports.conversations(), ports.directory(),
                ports.careRelationships(), ports.escalations(), offlinePush, audit,
                settings.messageRules().urgentFollowUp(), ports.timers(), ports.clock());
        this.receipts = new Receipts(access, views, audit, ports.clock());
        this.history = new ReadHistoryService(access, ports.messages(), views, audit, limits);
        this.search = new SearchMessagesService(ports.conversations(), ports.messages(), views, audit, limits);
        this.list = new ListConversationsService(ports.conversations(), access, views, audit, limits);
        this.conversation = new ConversationService(ports.conversations(), access, views, audit, ports.ids());
        this.typing = new TypingService(access, tracker);
        this.presence = new PresenceService(ports.presence(), contacts, ports.careRelationships(), ports.directory(),
                views, notifier, audit, ports.clock());
        this.calls = new CallService(access, ports.calls(), ports.conversations(), ports.messages(), writer, notifier,
                ports.presence(), ports.timers(), audit, ports.ids(), ports.clock(),
                new CallService.Limits(settings.ringTimeout(), settings.callDisconnectGrace(), settings.maxCallDuration(),
                        settings.maxSignalBytes(), limits));
        this.attachments = new AttachmentService(access, ports.attachments(), ports.blobs(), ports.messages(),
                ports.conversations(), audit, settings.attachmentRules(), ports.ids(), ports.clock());
        this.attachmentRetention = new AttachmentRetention(ports.attachments(), ports.blobs(), ports.messages(), audit,
                settings.attachmentRules(), ports.timers(), ports.clock());
        var careNotices = new CareChangeNotices(ports.conversations(), ports.directory(), views, locks, notifier);
        // the call first: when the change ends it, the conversation its two people are shown holds its call message
        this.admin = new AdminService(ports.directory(), ports.directoryStore(), ports.careRelationshipStore(),
                ports.auditTrail(), audit, settings.roles(), ports.clock(), relationship -> {
                    calls.careChanged(relationship);
                    careNotices.careChanged(relationship);
                });
        this.breakGlass = new BreakGlassService(ports.directory(), ports.careRelationships(), ports.conversations(),
                ports.auditTrail(), audit, settings.breakGlass(), ports.clock());
        var retentionRecords = new RetentionRecords(ports.auditTrail());
        this.retentionAdmin = new RetentionAdminService(ports.directory(), ports.conversations(), retentionRecords, audit,
                ports.ids(), ports.clock());
        this.retentionPurge = new RetentionPurge(ports.conversations(), ports.messages(), ports.auditTrail(),
                retentionRecords, attachmentRetention, audit, settings.retention(), ports.timers(), ports.clock());
        this.export = new ExportConversationService(ports.conversations(), ports.messages(), ports.directory(), audit);
        this.budgets = new RequestBudgets(settings.rateLimits(), ports.clock());
    }

    /** Every door asks here before it handles a request: one budget per user, whatever door or device. */
    public RequestBudgets requestBudgets() {
        return budgets;
    }

    /**
     * Authentication with the clinic's token verifier: the token proves who calls, the directory says who they
     * are (see {@link AuthenticateService}); refusals are audited.
     */
    public AuthenticateUseCase authentication(TokenVerifier verifier) {
        return new AuthenticateService(verifier, ports.directory(), audit);
    }

    public ChatPorts ports() {
        return ports;
    }

    public ChatSettings settings() {
        return settings;
    }

    public SendMessageUseCase sendMessage() {
        return send;
    }

    public EditMessageUseCase editMessage() {
        return changes;
    }

    public DeleteMessageUseCase deleteMessage() {
        return changes;
    }

    public AddReactionUseCase addReaction() {
        return changes;
    }

    public RemoveReactionUseCase removeReaction() {
        return changes;
    }

    public AcknowledgeMessageUseCase acknowledgeMessage() {
        return changes;
    }

    /**
     * The reminders and escalations of urgent messages nobody acknowledged, as the message rules say: started by
     * whoever hosts the core.
     */
    public UrgentFollowUps urgentFollowUps() {
        return urgentFollowUps;
    }

    public MarkDeliveredUseCase markDelivered() {
        return receipts;
    }

    public MarkReadUseCase markRead() {
        return receipts;
    }

    public ReadHistoryUseCase readHistory() {
        return history;
    }

    public SearchMessagesUseCase searchMessages() {
        return search;
    }

    public ListConversationsUseCase listConversations() {
        return list;
    }

    public GetConversationUseCase getConversation() {
        return conversation;
    }

    public OpenConversationUseCase openConversation() {
        return conversation;
    }

    public SetMutedUseCase setMuted() {
        return conversation;
    }

    public SetPinnedUseCase setPinned() {
        return conversation;
    }

    public UnreadCountUseCase unreadCount() {
        return conversation;
    }

    public StartTypingUseCase startTyping() {
        return typing;
    }

    public StopTypingUseCase stopTyping() {
        return typing;
    }

    public OpenSessionUseCase openSession() {
        return presence;
    }

    public CloseSessionUseCase closeSession() {
        return presence;
    }

    public SetStatusUseCase setStatus() {
        return presence;
    }

    public QueryPresenceUseCase queryPresence() {
        return presence;
    }

    public ListContactsUseCase listContacts() {
        return presence;
    }

    public RequestCallUseCase requestCall() {
        return calls;
    }

    public AnswerCallUseCase answerCall() {
        return calls;
    }

    public RelayCallSignalUseCase relayCallSignal() {
        return calls;
    }

    public CallHistoryUseCase callHistory() {
        return calls;
    }

    public UploadAttachmentUseCase uploadAttachment() {
        return attachments;
    }

    public DownloadAttachmentUseCase downloadAttachment() {
        return attachments;
    }

    public LinkAttachmentUseCase linkAttachment() {
        return attachments;
    }

    /** The deletion of uploads no message carries, once their retention passed: started by whoever hosts the core. */
    public AttachmentRetention attachmentRetention() {
        return attachmentRetention;
    }

    public UpsertUserUseCase upsertUser() {
        return admin;
    }

    public OpenCareRelationshipUseCase openCareRelationship() {
        return admin;
    }

    public RevokeCareRelationshipUseCase revokeCareRelationship() {
        return admin;
    }

    public QueryAuditUseCase queryAudit() {
        return admin;
    }

    public ExportConversationUseCase exportConversation() {
        return export;
    }

    public BreakGlassUseCase breakGlass() {
        return breakGlass;
    }

    public ReviewBreakGlassUseCase reviewBreakGlass() {
        return breakGlass;
    }

    /** The purge of what the retention no longer keeps; started by whoever runs the server ({@link RetentionPurge#start}). */
    public RetentionPurge retentionPurge() {
        return retentionPurge;
    }

    public PlaceLegalHoldUseCase placeLegalHold() {
        return retentionAdmin;
    }

    public LiftLegalHoldUseCase liftLegalHold() {
        return retentionAdmin;
    }

    public ListLegalHoldsUseCase listLegalHolds() {
        return retentionAdmin;
    }

    public SetConversationRetentionUseCase setConversationRetention() {
        return retentionAdmin;
    }

    public ClearConversationRetentionUseCase clearConversationRetention() {
        return retentionAdmin;
    }
}
