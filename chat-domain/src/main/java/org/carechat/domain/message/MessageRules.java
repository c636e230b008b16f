package org.carechat.domain.message;

import java.time.Duration;
import org.carechat.domain.common.Text;
import org.carechat.domain.failure.Refusal;

/**
 * The content rules of a message: text is 1 to {@code maxTextLength} characters after trimming; an
 * image, file, audio or video message carries an attachment of a fitting type and an optional caption
 * of the same length; messages are edited within {@code editWindow}. A patient who sends urgent is told
 * {@code urgentNotice}; an urgent message nobody acknowledges is followed up by {@code urgentFollowUp}.
 */
public record MessageRules(int maxTextLength, Duration editWindow, String urgentNotice,
                           UrgentFollowUp.Policy urgentFollowUp) {
    public static final int DEFAULT_MAX_TEXT_LENGTH = 4000;
    public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofMinutes(15);
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;
    /** What a patient who sends an urgent message is told, unless the deployment says otherwise. */
    public static final String DEFAULT_URGENT_NOTICE = "CareChat is not for emergencies. If this is an emergency,"
            + " call your local emergency number now.";

    /** With the default notice to patients who send urgent. */
    public MessageRules(int maxTextLength, Duration editWindow) {
        this(maxTextLength, editWindow, DEFAULT_URGENT_NOTICE);
    }

    /** With the default follow-up of urgent messages ({@link UrgentFollowUp.Policy#standard()}). */
    public MessageRules(int maxTextLength, Duration editWindow, String urgentNotice) {
        this(maxTextLength, editWindow, urgentNotice, UrgentFollowUp.Policy.standard());
    }

    public MessageRules {
        if (urgentFollowUp == null) {
            throw new IllegalArgumentException("the follow-up of urgent messages is required");
        }
        if (urgentNotice == null || urgentNotice.isBlank()) {
            throw new IllegalArgumentException("the notice to patients who send urgent must not be empty");
        }
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("maxTextLength must be positive");
        }
        if (editWindow.isNegative()) {
            throw new IllegalArgumentException("editWindow must not be negative");
        }
    }

    public static MessageRules standard() {
        return new MessageRules(DEFAULT_MAX_TEXT_LENGTH, DEFAULT_EDIT_WINDOW);
    }

    /** These rules, with urgent messages nobody acknowledges followed up by {@code value}. */
    public MessageRules withUrgentFollowUp(UrgentFollowUp.Policy value) {
        return new MessageRules(maxTextLength, editWindow, urgentNotice, value);
    }

    /** The text to store for a message of {@code type} with an attachment or not; refuses what breaks a rule. */
    public String checkContent(MessageType type, String content, AttachmentRef attachment) {
        if (!type.clientMayCreate()) {
            throw Refusal.invalid("messages of type " + type.wireName() + " are written by the server");
        }
        if (type == MessageType.TEXT) {
            if (attachment != null) {
                throw Refusal.invalid("a text message carries no attachment");
            }
            return text(content, true);
        }
        if (attachment == null) {
            throw Refusal.invalid("a " + type.wireName() + " message needs an attachmentId");
        }
        if (!type.accepts(attachment.mimeType())) {
            throw Refusal.invalid("a " + type.wireName() + " message cannot carry a file of type " + attachment.mimeType());
        }
        return text(content, false);
    }

    /** The new text of an edit; a caption may be cleared, a text message may not. */
    public String checkEdit(MessageType type, String content) {
        return text(content, type == MessageType.TEXT);
    }

    public String checkClientMessageId(String clientMessageId) {
        if (clientMessageId == null) {
            return null;
        }
        if (clientMessageId.isBlank() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH
                || clientMessageId.chars().anyMatch(Character::isISOControl) || !Text.isWellFormed(clientMessageId)) {
            throw Refusal.invalid("clientMessageId must be 1.." + MAX_CLIENT_MESSAGE_ID_LENGTH + " printable characters");
        }
        return clientMessageId;
    }

    /** Blank to a reader: nothing but spaces (also no-break ones) and invisible format characters. */
    private static boolean isInvisible(String text) {
        for (int at = 0; at < text.length(); ) {
            int cp = text.codePointAt(at);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && Character.getType(cp) != Character.FORMAT) {
                return false;
            }
            at += Character.charCount(cp);
        }
        return true;
    }

    private String text(String content, boolean required) {
        Text.requireWellFormed(content, "content");
        String trimmed = content == null ? "" : content.strip();
        if (isInvisible(trimmed)) {
            if (required) {
                throw Refusal.invalid("content must not be blank");
            }
            return null;
        }
        if (trimmed.codePointCount(0, trimmed.length()) > maxTextLength) {
            throw Refusal.invalid("content is longer than " + maxTextLength + " characters");
        }
        return trimmed;
    }
}
