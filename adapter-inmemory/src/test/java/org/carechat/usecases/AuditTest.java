package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.carechat.application.Actor;
import org.carechat.application.attachment.AttachmentRetention;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.ExportConversationUseCase.ExportConversation;
import org.carechat.application.admin.QueryAuditUseCase.QueryAudit;
import org.carechat.application.breakglass.BreakGlassUseCase.OpenBreakGlass;
import org.carechat.application.admin.RevokeCareRelationshipUseCase.RevokeCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.application.attachment.DownloadAttachmentUseCase.DownloadAttachment;
import org.carechat.application.attachment.LinkAttachmentUseCase.LinkAttachment;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.auth.AuthenticateService;
import org.carechat.application.call.CallHistoryUseCase.CallHistory;
import org.carechat.application.call.CallService;
import org.carechat.application.call.RelayCallSignalUseCase.RelaySignal;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.ListConversationsUseCase.ListConversations;
import org.carechat.application.conversation.OpenConversationUseCase.OpenConversation;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.application.conversation.SetPinnedUseCase.SetPinned;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.MarkDeliveredUseCase.MarkDelivered;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.RemoveReactionUseCase.RemoveReaction;
import org.carechat.application.messaging.SearchMessagesUseCase.SearchMessages;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.port.fake.TestTokens;
import org.carechat.application.presence.ListContactsUseCase.ListContacts;
import org.carechat.application.presence.QueryPresenceUseCase.QueryPresence;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.attachment.FileType;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The audit trail: one entry per write, read of history, search, download and admin change; never content. */
final class AuditTest {
    private final ChatFixture fx = ChatFixture.create(settings -> settings.withAttachmentRules(
            new AttachmentRules(64 * 1024, EnumSet.allOf(FileType.class))));
    private final Set<AuditAction> covered = EnumSet.noneOf(AuditAction.class);

    @Test
    void every_audited_use_case_appends_one_entry_with_actor_action_targets_time_and_outcome() {
        Actor dan = Actor.of(UserId.of("d_dan"), Role.DOCTOR);
        expect(fx.admin, AuditAction.USER_UPSERT, "ok", List.of("user:d_dan"),
                () -> fx.core.upsertUser().upsert(new UpsertUser(fx.admin, dan.id(), "Dr. Dan Brown", "doctor", null)));
        expect(fx.service, AuditAction.CARE_RELATIONSHIP_OPEN, "ok", List.of("user:p_carol", "user:d_dan"),
                () -> fx.core.openCareRelationship().open(new OpenCareRelationship(fx.service, fx.carol.id(), dan.id(),
                        "appt-1", null, null)));
        var opened = expect(fx.carol, AuditAction.CONVERSATION_OPEN, "ok", null,
                () -> fx.core.openConversation().open(new OpenConversation(fx.carol, dan.id())));
        ConversationId c = fx.conversations.findDirect(fx.carol.id(), dan.id()).orElseThrow().id();
        assertThat(opened.targets()).containsExactly("user:d_dan", "conversation:" + c);
        String conversation = "conversation:" + c;

        var sent = expect(fx.carol, AuditAction.MESSAGE_SEND, "ok", null, () -> fx.trySend(fx.carol, c, "Hello"));
        Message message = fx.everything(fx.carol, c).get(0).message();
        String msg = "message:" + message.id();
        assertThat(sent.targets()).containsExactlyInAnyOrder(conversation, msg);
        expect(fx.carol, AuditAction.MESSAGE_EDIT, "ok", List.of(msg, conversation),
                () -> fx.core.editMessage().edit(new EditMessage(fx.carol, message.id(), "Hello again")));
        expect(dan, AuditAction.REACTION_ADD, "ok", List.of(msg, conversation),
                () -> fx.core.addReaction().addReaction(new AddReaction(dan, message.id(), "👋")));
        expect(dan, AuditAction.REACTION_REMOVE, "ok", List.of(msg, conversation),
                () -> fx.core.removeReaction().removeReaction(new RemoveReaction(dan, message.id(), "👋")));
        expect(dan, AuditAction.HISTORY_READ, "ok", List.of(conversation),
                () -> fx.core.readHistory().read(new ReadHistory(dan, c, null, null, null)));
        expect(dan, AuditAction.CONVERSATION_LIST, "ok", List.of(conversation),
                () -> fx.core.listConversations().list(new ListConversations(dan, null, null, null, null)));
        expect(dan, AuditAction.CONVERSATION_READ, "ok", List.of(conversation),
                () -> fx.core.getConversation().get(new GetConversation(dan, c)));
        expect(dan, AuditAction.MARK_DELIVERED, "ok", List.of(conversation),
                () -> fx.core.markDelivered().markDelivered(new MarkDelivered(dan, c, 1)));
        expect(dan, AuditAction.MARK_READ, "ok", List.of(conversation),
                () -> fx.core.markRead().markRead(new MarkRead(dan, c, 1L)));
        expect(dan, AuditAction.CONVERSATION_MUTE, "ok", List.of(conversation),
                () -> fx.core.setMuted().setMuted(new SetMuted(dan, c, true)));
        expect(dan, AuditAction.CONVERSATION_PIN, "ok", List.of(conversation),
                () -> fx.core.setPinned().setPinned(new SetPinned(dan, c, true)));
        expect(dan, AuditAction.MESSAGE_SEARCH, "ok", List.of(conversation, msg),
                () -> fx.core.searchMessages().search(new SearchMessages(dan, "hello", null)));
        expect(dan, AuditAction.UNREAD_COUNT_READ, "ok", List.of(),
                () -> fx.core.unreadCount().count(dan));
        fx.send(fx.carol, c, "Are you there?");
        expect(dan, AuditAction.UNREAD_COUNT_READ, "ok", List.of(conversation),
                () -> fx.core.unreadCount().count(dan));
        expect(fx.carol, AuditAction.CONTACTS_READ, "ok", List.of("user:d_dan"),
                () -> fx.core.listContacts().contacts(new ListContacts(fx.carol, null, null)));
        expect(fx.carol, AuditAction.PRESENCE_READ, "ok", List.of("user:d_dan"),
                () -> fx.core.queryPresence().query(new QueryPresence(fx.carol, List.of(dan.id(), fx.ada.id()))));
        expect(AuthenticateService.ANONYMOUS, AuditAction.AUTHENTICATION, "unauthorized", List.of(),
                () -> fx.core.authentication(new TestTokens(fx.time)).authenticate("not-a-token"));
        expect(UserId.of("p_ghost"), AuditAction.AUTHENTICATION, "unauthorized", List.of(),
                () -> fx.core.authentication(new TestTokens(fx.time)).authenticate(
                        TestTokens.token("p_ghost", "patient", fx.time.instant().plusSeconds(60))));

        var uploaded = expect(fx.carol, AuditAction.ATTACHMENT_UPLOAD, "ok", null,
                () -> fx.core.uploadAttachment().upload(new Upload(fx.carol, new ByteArrayInputStream(SampleFiles.pdf()),
                        "application/pdf", "lab.pdf", null)));
        Attachment file = fx.attachments.find(AttachmentId.of(
                uploaded.targets().get(0).substring("attachment:".length()))).orElseThrow();
        String attachment = "attachment:" + file.id();
        assertThat(uploaded.targets()).containsExactly(attachment);
        var withFile = expect(fx.carol, AuditAction.MESSAGE_SEND, "ok", null, () -> fx.core.sendMessage().send(
                new SendMessage(fx.carol, c, null, MessageType.FILE, null, file.id(), null, null)));
        assertThat(withFile.targets()).contains(conversation, attachment).hasSize(3);
        expect(dan, AuditAction.ATTACHMENT_DOWNLOAD, "ok", List.of(attachment),
                () -> fx.core.downloadAttachment().download(new DownloadAttachment(dan, file.id())));
        expect(dan, AuditAction.ATTACHMENT_LINK, "ok", List.of(attachment),
                () -> fx.core.linkAttachment().link(new LinkAttachment(dan, file.id())));
        expect(dan, AuditAction.ATTACHMENT_DOWNLOAD, "ok", List.of(attachment, "via:signed_link"),
                () -> fx.core.downloadAttachment().download(new DownloadAttachment(dan, file.id(), true)));
        Attachment unsent = ok(fx.core.uploadAttachment().upload(new Upload(fx.carol,
                new ByteArrayInputStream(SampleFiles.pdf()), "application/pdf", "draft.pdf", null)));
        fx.time.advance(AttachmentRules.DEFAULT_UNREFERENCED_RETENTION.plusSeconds(1));
        expect(AttachmentRetention.ACTOR, AuditAction.ATTACHMENT_EXPIRE, "ok",
                List.of("attachment:" + unsent.id(), "user:p_carol"),
                () -> Result.ok(fx.core.attachmentRetention().sweep(10)));

        var requested = expect(fx.carol, AuditAction.CALL_REQUEST, "ok", null,
                () -> fx.core.requestCall().requestCall(new RequestCall(fx.carol, c, null, CallMedia.AUDIO)));
        Call call = fx.calls.liveIn(c).orElseThrow();
        String callTarget = "call:" + call.id();
        assertThat(requested.targets()).containsExactlyInAnyOrder(conversation, callTarget);
        expect(dan, AuditAction.CALL_ACCEPT, "ok", List.of(callTarget, conversation),
                () -> fx.core.answerCall().accept(new CallAction(dan, call.id(), null)));
        int beforeSignal = fx.audit().size();
        ok(fx.core.relayCallSignal().relay(new RelaySignal(dan, call.id(), "{\"type\":\"offer\"}")));
        assertThat(fx.audit()).as("signals are neither stored nor audited").hasSize(beforeSignal);
        expect(fx.carol, AuditAction.CALL_END, "ok", List.of(callTarget, conversation),
                () -> fx.core.answerCall().end(new CallAction(fx.carol, call.id(), null)));
        expect(dan, AuditAction.CALL_REQUEST, "ok", null,
                () -> fx.core.requestCall().requestCall(new RequestCall(dan, c, null, CallMedia.VIDEO)));
        Call second = fx.calls.liveIn(c).orElseThrow();
        expect(fx.carol, AuditAction.CALL_REJECT, "ok", List.of("call:" + second.id(), conversation),
                () -> fx.core.answerCall().reject(new CallAction(fx.carol, second.id(), null)));
        expect(fx.carol, AuditAction.CALL_REQUEST, "ok", null,
                () -> fx.core.requestCall().requestCall(new RequestCall(fx.carol, c, null, CallMedia.AUDIO)));
        Call unanswered = fx.calls.liveIn(c).orElseThrow();
        expect(CallService.SERVER, AuditAction.CALL_TERMINATE, "ok",
                List.of("call:" + unanswered.id(), conversation, "reason:missed"), () -> {
                    fx.time.advance(Call.DEFAULT_RING_TIMEOUT.minusSeconds(1));
                    return Result.ok(unanswered);
                });
        expect(fx.carol, AuditAction.CALL_HISTORY_READ, "ok", List.of(conversation),
                () -> fx.core.callHistory().history(new CallHistory(fx.carol, c, null)));
        expect(fx.carol, AuditAction.MESSAGE_DELETE, "ok", List.of(msg, conversation),
                () -> fx.core.deleteMessage().delete(new DeleteMessage(fx.carol, message.id())));
        expect(fx.admin, AuditAction.CARE_RELATIONSHIP_REVOKE, "ok", List.of("user:p_carol", "user:d_dan"),
                () -> fx.core.revokeCareRelationship().revoke(new RevokeCareRelationship(fx.admin, fx.carol.id(), dan.id())));
        expect(fx.service, AuditAction.AUDIT_READ, "ok", List.of("user:p_carol"),
                () -> fx.core.queryAudit().query(new QueryAudit(fx.service, fx.carol.id(), null, null, null, null)));
        var exported = expect(fx.service, AuditAction.CONVERSATION_EXPORT, "ok", null,
                () -> fx.core.exportConversation().export(new ExportConversation(fx.service, c, null, null)));
        assertThat(exported.targets()).hasSize(2).startsWith(conversation).last().asString().startsWith("seqs:1..");
        Message urgent = ok(fx.core.sendMessage().send(new SendMessage(fx.alice, fx.open(fx.alice, fx.ada), null, null,
                "urgent", null, null, null, org.carechat.domain.message.MessagePriority.URGENT))).message().message();
        expect(fx.ada, AuditAction.MESSAGE_ACKNOWLEDGE, "ok",
                List.of("message:" + urgent.id(), "conversation:" + urgent.conversationId()),
                () -> fx.core.acknowledgeMessage().acknowledge(
                        new org.carechat.application.messaging.AcknowledgeMessageUseCase.AcknowledgeMessage(fx.ada, urgent.id())));
        Message unanswered2 = ok(fx.core.sendMessage().send(new SendMessage(fx.alice, urgent.conversationId(), null, null,
                "still urgent", null, null, null, org.carechat.domain.message.MessagePriority.URGENT))).message().message();
        List<String> followed = List.of("message:" + unanswered2.id(), "conversation:" + unanswered2.conversationId());
        fx.time.advance(java.time.Duration.ofMinutes(5));
        expect(org.carechat.application.messaging.UrgentFollowUps.ACTOR, AuditAction.URGENT_REMIND, "ok", followed,
                () -> Result.ok(fx.core.urgentFollowUps().sweep(10)));
        fx.time.advance(java.time.Duration.ofMinutes(5));
        List<String> escalatedTo = new java.util.ArrayList<>(followed);
        escalatedTo.add("user:" + fx.nora.id());
        expect(org.carechat.application.messaging.UrgentFollowUps.ACTOR, AuditAction.URGENT_ESCALATE, "ok", escalatedTo,
                () -> Result.ok(fx.core.urgentFollowUps().sweep(10)));
        var breakGlass = expect(fx.ben, AuditAction.BREAK_GLASS_OPEN, "ok", null,
                () -> fx.core.breakGlass().open(new OpenBreakGlass(fx.ben, fx.alice.id(), "emergency")));
        assertThat(breakGlass.targets()).startsWith("access:break_glass", "break_glass:p_alice", "reason:emergency");
        retentionActions();

        assertThat(covered).as("every audited action was exercised").isEqualTo(EnumSet.allOf(AuditAction.class));
    }

    @Test
    void refused_attempts_are_audited_with_their_outcome_and_the_ids_they_aimed_at() {
        ConversationId c = fx.open(fx.alice, fx.ada);
        String conversation = "conversation:" + c;
        Message alices = fx.send(fx.alice, c, "Hello");
        Attachment file = ok(fx.core.uploadAttachment().upload(new Upload(fx.alice,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "lab.pdf", null)));

        expect(fx.carol, AuditAction.MESSAGE_SEND, "forbidden", List.of("user:d_ada"),
                () -> fx.trySendTo(fx.carol, fx.ada.id(), "Let me in"));
        expect(fx.carol, AuditAction.CALL_REQUEST, "forbidden", List.of("user:d_ada"),
                () -> fx.core.requestCall().requestCall(new RequestCall(fx.carol, null, fx.ada.id(), CallMedia.AUDIO)));
        expect(fx.carol, AuditAction.CONVERSATION_OPEN, "forbidden", List.of("user:d_ada"),
                () -> fx.core.openConversation().open(new OpenConversation(fx.carol, fx.ada.id())));
        expect(fx.bob, AuditAction.HISTORY_READ, "not_found", List.of(conversation),
                () -> fx.core.readHistory().read(new ReadHistory(fx.bob, c, null, null, null)));
        expect(fx.bob, AuditAction.MESSAGE_SEND, "not_found", List.of(conversation),
                () -> fx.trySend(fx.bob, c, "Hi"));
        expect(fx.bob, AuditAction.MESSAGE_EDIT, "not_found", List.of("message:" + alices.id()),
                () -> fx.core.editMessage().edit(new EditMessage(fx.bob, alices.id(), "Mine now")));
        expect(fx.bob, AuditAction.ATTACHMENT_DOWNLOAD, "not_found", List.of("attachment:" + file.id()),
                () -> fx.core.downloadAttachment().download(new DownloadAttachment(fx.bob, file.id())));
        expect(fx.bob, AuditAction.ATTACHMENT_LINK, "not_found", List.of("attachment:" + file.id()),
                () -> fx.core.linkAttachment().link(new LinkAttachment(fx.bob, file.id())));
        expect(fx.bob, AuditAction.ATTACHMENT_DOWNLOAD, "not_found", List.of("attachment:" + file.id(), "via:signed_link"),
                () -> fx.core.downloadAttachment().download(new DownloadAttachment(fx.bob, file.id(), true)));
        expect(fx.bob, AuditAction.MESSAGE_SEND, "not_found", List.of("attachment:" + file.id(), "user:d_ben"),
                () -> fx.core.sendMessage().send(new SendMessage(fx.bob, null, fx.ben.id(), MessageType.FILE, null,
                        file.id(), null, null)));
        expect(fx.alice, AuditAction.HISTORY_READ, "invalid", List.of(conversation),
                () -> fx.core.readHistory().read(new ReadHistory(fx.alice, c, 3L, 1L, null)));
        expect(fx.alice, AuditAction.MESSAGE_SEARCH, "invalid", List.of(),
                () -> fx.core.searchMessages().search(new SearchMessages(fx.alice, " ", null)));
        expect(fx.alice, AuditAction.ATTACHMENT_UPLOAD, "too_large", List.of(),
                () -> fx.core.uploadAttachment().upload(new Upload(fx.alice, new ByteArrayInputStream(SampleFiles.png(256)),
                        "image/png", "huge.png", null)));
        expect(fx.alice, AuditAction.ATTACHMENT_UPLOAD, "unsupported_media_type", List.of(),
                () -> fx.core.uploadAttachment().upload(new Upload(fx.alice, new ByteArrayInputStream(SampleFiles.unknown()),
                        "text/plain", "notes.txt", null)));
        expect(fx.alice, AuditAction.USER_UPSERT, "forbidden", List.of("user:p_alice"),
                () -> fx.core.upsertUser().upsert(new UpsertUser(fx.alice, fx.alice.id(), "Alice", "doctor", null)));
        expect(fx.ada, AuditAction.AUDIT_READ, "forbidden", List.of(),
                () -> fx.core.queryAudit().query(new QueryAudit(fx.ada, null, null, null, null, null)));
        ok(fx.core.requestCall().requestCall(new RequestCall(fx.alice, c, null, CallMedia.AUDIO)));
        expect(fx.ada, AuditAction.CALL_REQUEST, "conflict", List.of(conversation),
                () -> fx.core.requestCall().requestCall(new RequestCall(fx.ada, c, null, CallMedia.VIDEO)));

        fx.revoke(fx.alice, fx.ada);

        expect(fx.alice, AuditAction.MESSAGE_SEND, "forbidden", List.of(conversation),
                () -> fx.trySend(fx.alice, c, "Still there?"));
        expect(fx.ada, AuditAction.REACTION_ADD, "forbidden", List.of("message:" + alices.id(), conversation),
                () -> fx.core.addReaction().addReaction(new AddReaction(fx.ada, alices.id(), "👍")));
    }

    @Test
    void the_audit_trail_never_holds_content() {
        String secret = "Zebra-Kidney-Secret";
        ConversationId c = fx.open(fx.alice, fx.ada);
        Message message = fx.send(fx.alice, c, "My " + secret + " hurts");
        ok(fx.core.editMessage().edit(new EditMessage(fx.alice, message.id(), "Edited " + secret)));
        ok(fx.core.searchMessages().search(new SearchMessages(fx.ada, secret, null)));
        ok(fx.core.searchMessages().search(new SearchMessages(fx.bob, secret.toLowerCase(Locale.ROOT), null)));
        ok(fx.core.listConversations().list(new ListConversations(fx.ada, null, secret, null, null)));
        ok(fx.core.addReaction().addReaction(new AddReaction(fx.ada, message.id(), "🦓")));
        Attachment file = ok(fx.core.uploadAttachment().upload(new Upload(fx.alice,
                new ByteArrayInputStream(SampleFiles.pdf()), "application/pdf", secret + ".pdf", null)));
        ok(fx.core.sendMessage().send(new SendMessage(fx.alice, c, null, MessageType.FILE, "Caption " + secret,
                file.id(), null, "client-key-" + secret)));
        ok(fx.core.downloadAttachment().download(new DownloadAttachment(fx.ada, file.id())));
        Call call = ok(fx.core.requestCall().requestCall(new RequestCall(fx.alice, c, null, CallMedia.AUDIO)));
        ok(fx.core.answerCall().reject(new CallAction(fx.ada, call.id(), "Reason " + secret)));
        fx.trySendTo(fx.carol, fx.ada.id(), "Refused " + secret);
        ok(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("p_new"), "Name " + secret, "patient",
                "Specialty " + secret)));

        List<AuditEntry> entries = fx.audit();

        assertThat(entries).hasSizeGreaterThan(15);
        String needle = secret.toLowerCase(Locale.ROOT);
        for (AuditEntry entry : entries) {
            assertThat(entry.id().toLowerCase(Locale.ROOT)).doesNotContain(needle);
            assertThat(entry.outcome().toLowerCase(Locale.ROOT)).doesNotContain(needle);
            assertThat(entry.actor().value().toLowerCase(Locale.ROOT)).doesNotContain(needle);
            assertThat(entry.targets()).allSatisfy(target -> assertThat(target.toLowerCase(Locale.ROOT)).doesNotContain(needle));
            assertThat(entry.toString().toLowerCase(Locale.ROOT)).doesNotContain(needle).doesNotContain("zebra")
                    .doesNotContain("🦓");
        }
    }

    @Test
    void the_audit_trail_answers_by_user_target_and_period_newest_first() {
        ConversationId c = fx.open(fx.alice, fx.ada);
        fx.time.advance(Duration.ofMinutes(1));
        var from = fx.time.instant();
        fx.send(fx.alice, c, "One");
        fx.time.advance(Duration.ofMinutes(1));
        fx.send(fx.ada, c, "Two");
        fx.time.advance(Duration.ofMinutes(1));
        var to = fx.time.instant();
        fx.send(fx.alice, c, "Three");

        List<AuditEntry> byAlice = ok(fx.core.queryAudit().query(new QueryAudit(fx.admin, fx.alice.id(), null, null, null, null)));
        List<AuditEntry> inPeriod = ok(fx.core.queryAudit().query(new QueryAudit(fx.admin, null, "conversation:" + c, from, to, null)));
        List<AuditEntry> latest = ok(fx.core.queryAudit().query(new QueryAudit(fx.service, null, "conversation:" + c, null, null, 1)));

        assertThat(byAlice).extracting(AuditEntry::action).containsExactly(AuditAction.MESSAGE_SEND, AuditAction.MESSAGE_SEND,
                AuditAction.CONVERSATION_OPEN);
        assertThat(byAlice).extracting(AuditEntry::actor).containsOnly(fx.alice.id());
        assertThat(inPeriod).extracting(AuditEntry::actor).containsExactly(fx.ada.id(), fx.alice.id());
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).at()).isEqualTo(to);
    }

    private void retentionActions() {
        fx.relate(fx.bob, fx.nora, null);
        ConversationId bobs = fx.open(fx.bob, fx.nora);
        Message sent = fx.send(fx.bob, bobs, "kept a day");
        String conversation = "conversation:" + bobs;
        expect(fx.admin, AuditAction.RETENTION_SET, "ok", List.of("access:retention", conversation, "days:1"),
                () -> fx.core.setConversationRetention().set(
                        new org.carechat.application.retention.SetConversationRetentionUseCase.SetConversationRetention(
                                fx.admin, bobs, 1)));
        var placed = expect(fx.admin, AuditAction.LEGAL_HOLD_PLACE, "ok", null, () -> fx.core.placeLegalHold().place(
                new org.carechat.application.retention.PlaceLegalHoldUseCase.PlaceLegalHold(fx.admin, null, bobs, "case")));
        String hold = placed.targets().get(2).substring("legal_hold:".length());
        expect(fx.service, AuditAction.LEGAL_HOLD_LIST, "ok", List.of(), () -> fx.core.listLegalHolds().list(
                new org.carechat.application.retention.ListLegalHoldsUseCase.ListLegalHolds(fx.service, true)));
        expect(fx.admin, AuditAction.LEGAL_HOLD_LIFT, "ok", List.of("access:legal_hold", "legal_hold:" + hold, conversation),
                () -> fx.core.liftLegalHold().lift(
                        new org.carechat.application.retention.LiftLegalHoldUseCase.LiftLegalHold(fx.admin, hold)));
        fx.time.advance(Duration.ofDays(2));
        expect(org.carechat.application.retention.RetentionPurge.ACTOR, AuditAction.MESSAGE_PURGE, "ok",
                List.of("message:" + sent.id(), conversation), () -> Result.ok(fx.core.retentionPurge().purge(10)));
        expect(fx.admin, AuditAction.RETENTION_CLEAR, "ok", List.of("access:retention", conversation),
                () -> fx.core.clearConversationRetention().clear(
                        new org.carechat.application.retention.ClearConversationRetentionUseCase.ClearConversationRetention(
                                fx.admin, bobs)));
        // the audit retention deletes the entries so far, then records how many
        fx.time.advance(org.carechat.domain.retention.RetentionPolicy.DEFAULT_AUDIT);
        fx.core.retentionPurge().purge(100_000);
        assertThat(fx.auditOf(AuditAction.AUDIT_PURGE)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo(org.carechat.application.retention.RetentionPurge.ACTOR.id()));
        covered.add(AuditAction.AUDIT_PURGE);
    }

    private AuditEntry expect(Actor actor, AuditAction action, String outcome, List<String> targets,
                              Supplier<Result<?>> operation) {
        return expect(actor.id(), action, outcome, targets, operation);
    }

    private AuditEntry expect(UserId actor, AuditAction action, String outcome, List<String> targets,
                              Supplier<Result<?>> operation) {
        int before = fx.audit().size();
        Result<?> result = operation.get();
        assertThat(result.isOk()).as("%s: %s", action, result).isEqualTo("ok".equals(outcome));
        List<AuditEntry> after = fx.audit();
        assertThat(after).as("exactly one entry for %s", action).hasSize(before + 1);
        AuditEntry entry = after.get(after.size() - 1);
        assertThat(entry.actor()).isEqualTo(actor);
        assertThat(entry.action()).isEqualTo(action);
        assertThat(entry.outcome()).isEqualTo(outcome);
        assertThat(entry.at()).isEqualTo(fx.time.instant());
        if (targets != null) {
            assertThat(entry.targets()).as("targets of %s", action).containsExactlyInAnyOrderElementsOf(targets);
        }
        covered.add(action);
        fx.time.advance(Duration.ofSeconds(1));
        return entry;
    }
}
