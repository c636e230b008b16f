package org.carechat.adapter.websocket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.carechat.application.SessionId;
import org.carechat.domain.user.UserId;

/**
 * One event as the nodes of a cluster pass it on: the node that published it, the session that caused it (which
 * got its own reply there), the recipients, and the frame every socket gets, written once by the publishing node.
 * A header line of space-separated fields, then the frame:
 * {@code c1 <node> <except|-> <user,user,...> <conversation/seq|->\n<frame>}, the fifth naming the place of a
 * {@code new_message} in its conversation. User and conversation ids are well-formed ids (no space, comma, slash or
 * newline); session ids are the server's own.
 */
record ClusterMessage(String node, String except, List<UserId> recipients, String conversation, long seq, String frame) {
    static final String VERSION = "c1";
    private static final String NONE = "-";

    static String write(String node, SessionId except, Collection<UserId> recipients, String frame) {
        return write(node, except, recipients, null, 0, frame);
    }

    /** {@code conversation} and {@code seq}: the place of a {@code new_message}; null for any other event. */
    static String write(String node, SessionId except, Collection<UserId> recipients, String conversation, long seq,
                        String frame) {
        StringBuilder text = new StringBuilder(frame.length() + 64 + recipients.size() * 16);
        text.append(VERSION).append(' ').append(node).append(' ').append(except == null ? NONE : except.value()).append(' ');
        boolean first = true;
        for (UserId recipient : recipients) {
            if (!first) {
                text.append(',');
            }
            text.append(recipient.value());
            first = false;
        }
        text.append(' ');
        if (conversation == null) {
            text.append(NONE);
        } else {
            text.append(conversation).append('/').append(seq);
        }
        return text.append('\n').append(frame).toString();
    }

    /** The message, or null when {@code text} is not one (another program on the channel). */
    static ClusterMessage read(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0 || !text.startsWith(VERSION + " ")) {
            return null;
        }
        String[] header = text.substring(0, newline).split(" ", -1);
        if (header.length != 5 || header[1].isEmpty() || header[3].isEmpty()) {
            return null;
        }
        String conversation = null;
        long seq = 0;
        if (!NONE.equals(header[4])) {
            int slash = header[4].indexOf('/');
            try {
                conversation = header[4].substring(0, slash);
                seq = Long.parseLong(header[4].substring(slash + 1));
            } catch (RuntimeException notAPlace) {
                return null;
            }
            if (conversation.isEmpty() || seq < 1) {
                return null;
            }
        }
        List<UserId> recipients = new ArrayList<>();
        try {
            for (String id : header[3].split(",", -1)) {
                recipients.add(UserId.of(id));
            }
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
        return new ClusterMessage(header[1], NONE.equals(header[2]) ? null : header[2], List.copyOf(recipients),
                conversation, seq, text.substring(newline + 1));
    }
}
