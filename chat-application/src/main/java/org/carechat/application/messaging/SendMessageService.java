package org.carechat.application.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.carechat.application.Actor;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Messages;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.MessageWriter;
import org.carechat.application.support.TypingTracker;
import org.carechat.application.support.Unit;
import org.carechat.application.support.UnsentFiles;
import org.carechat.application.support.Views;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.message.MessageType;

/** Checks a message against the content rules and the care policy, then writes it and tells everyone. */
public final class SendMessageService implements SendMessageUseCase {
    private final CareAccess access;
    private final Messages messages;
    private final Conversations conversations;
    private final Attachments attachments;
    private final MessageWriter writer;
    private final UnsentFiles unsentFiles;
    private final TypingTracker typing;
    private final Views views;
    private final Audit audit;
    private final MessageRules rules;
    private final IdGenerator ids;
    private final Clock clock;

    public SendMessageService(CareAccess access, Messages messages, Conversations conversations, Attachments attachments,
                              MessageWriter writer, UnsentFiles unsentFiles, TypingTracker typing, Views views, Audit audit,
                              MessageRules rules, IdGenerator ids, Clock clock) {
        this.access = access;
        this.messages = messages;
        this.conversations = conversations;
        this.attachments = attachments;
        this.writer = writer;
        this.unsentFiles = unsentFiles;
        this.typing = typing;
        this.views = views;
        this.audit = audit;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Result<Sent> send(SendMessage command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.MESSAGE_SEND, unit -> {
            // what the sender aimed at, recorded before anything can refuse it, so a refused attempt names it too
            unit.add("conversation", command.conversationId()).add("user", command.to())
                    .add("attachment", command.attachmentId());
            access.requireConversant(actor);
            if ((command.conversationId() == null) == (command.to() == null)) {
                throw Refusal.invalid("give either conversationId or to");
            }
            String clientMessageId = rules.checkClientMessageId(command.clientMessageId());
            Optional<Sent> repeated = repeated(command, clientMessageId, unit);
            if (repeated.isPresent()) {
                unit.add("conversation", repeated.get().message().message().conversationId())
                        .add("message", repeated.get().message().message().id());
                return repeated.get();
            }
            MessageType type = command.type() == null ? MessageType.TEXT : command.type();
            AttachmentRef attachment = command.attachmentId() == null ? null
                    : attachments.find(command.attachmentId())
                            .filter(file -> file.uploader().equals(actor.id()))
                            .map(Attachment::ref)
                            .orElseThrow(() -> Refusal.notFound("attachment"));
            String content = rules.checkContent(type, command.content(), attachment);
            Conversation conversation = writable(actor, command, unit);
            unit.add("conversation", conversation.id()).add("attachment", command.attachmentId());
            if (command.replyTo() != null) {
                messages.find(command.replyTo())
                        .filter(target -> target.conversationId().equals(conversation.id()))
                        .orElseThrow(() -> Refusal.invalid("replyTo must be a message of the same conversation"));
            }
            MessagePriority priority = command.priority() == null ? MessagePriority.ROUTINE : command.priority();
            MessageDraft draft = new MessageDraft(MessageId.of(ids.newId()), conversation.id(), actor.id(), type,
                    content, attachment, command.replyTo(), clientMessageId, clock.instant(), null, priority);
            // taken before the message exists, atomically with the deletion of unsent files: a file is either
            // deleted before this send (then it is refused) or kept for the message
            if (attachment != null) {
                if (!attachments.markReferenced(attachment.id())) {
                    throw Refusal.notFound("attachment");
                }
                unit.ifNotCommitted(() -> unsentFiles.releaseIfNoMessageCarries(attachment.id()));
            }
            MessageWriter.Written written = writer.write(unit, conversation, draft, actor.session());
            unit.add("message", written.message().message().id());
            typing.stop(conversation.id(), actor.id());
            return new Sent(written.message(), true, noticeFor(actor, priority));
        });
    }

    /**
     * The conversation the message goes to, read under its lock, which {@code unit} holds from now on: the state
     * the message is added to.
     */
    private Conversation writable(Actor actor, SendMessage command, Unit unit) {
        if (command.conversationId() != null) {
            return access.writableConversation(actor, command.conversationId(), unit);
        }
        return access.direct(actor, command.to(), ConversationId.of("c_" + ids.newId()), unit).conversation();
    }

    /**
     * A resend of what this sender already stored under the same clientMessageId gets the original back. The key
     * names one send: the same key aimed at another conversation or person is a conflict that names the original,
     * never a silent success that delivers nothing.
     */
    private Optional<Sent> repeated(SendMessage command, String clientMessageId, Unit unit) {
        if (clientMessageId == null) {
            return Optional.empty();
        }
        Actor actor = command.actor();
        Optional<Message> original = messages.findByClientMessageId(actor.id(), clientMessageId);
        Optional<Conversation> conversation = original.flatMap(message -> conversations.find(message.conversationId()));
        if (conversation.isEmpty()) {
            return Optional.empty();
        }
        Message message = original.get();
        boolean sameTarget = command.conversationId() != null
                ? command.conversationId().equals(conversation.get().id())
                : conversation.get().othersThan(actor.id()).equals(List.of(command.to()));
        if (!sameTarget) {
            if (command.conversationId() != null) {
                // a conversation that is not the sender's does not exist for them, retry key or not
                access.participantOf(actor, command.conversationId());
            }
            unit.add("message", message.id());
            throw MessageWriter.keyUsedFor(clientMessageId, message);
        }
        return Optional.of(new Sent(views.message(conversation.get(), message), false, noticeFor(actor, message.priority())));
    }

    /** A patient who sends urgent is told, every time, that CareChat is not an emergency service. */
    private String noticeFor(Actor actor, MessagePriority priority) {
        return priority == MessagePriority.URGENT && actor.role().isPatient() ? rules.urgentNotice() : null;
    }
}
