package org.carechat.application.port;

import java.util.List;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.UserId;

/**
 * Who an urgent message is handed on to when no recipient acknowledged it, even after a reminder: the clinic's
 * on-call clinician, the patient's care team. A clinic backend plugs in its own roster; without one the core
 * escalates to the care team ({@link #CARE_TEAM}), which the standalone server keeps through its admin API (the
 * care relationships).
 */
public interface Escalations {
    /** The patient's care team: every clinician in care with the patient now who is not in the conversation. */
    Escalations CARE_TEAM = EscalationCase::careTeam;

    /**
     * The contacts for {@code escalation}, in the order they are told. Called under the conversation's lock, while
     * the escalation is stored: answer from what is at hand, never wait on a person. People of the conversation are
     * told of the escalation anyway and may be left out.
     */
    List<UserId> contactsFor(EscalationCase escalation);

    /**
     * An urgent message to escalate, in its conversation. {@code patient} is the conversation's patient, null when
     * it has none (two clinicians); {@code careTeam} is what {@link #CARE_TEAM} answers, in id order.
     */
    record EscalationCase(Conversation conversation, Message message, UserId patient, List<UserId> careTeam) {
        public EscalationCase {
            careTeam = List.copyOf(careTeam);
        }
    }
}
