package org.carechat.domain.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carechat.domain.user.UserId;

/** Who reacted with which emoji, in the order the emojis first appeared. Immutable. */
public record Reactions(Map<String, List<UserId>> byEmoji) {
    public static final Reactions NONE = new Reactions(Map.of());
    /** At most this many different emojis on one message. */
    public static final int MAX_DISTINCT = 32;
    public static final int MAX_EMOJI_LENGTH = 32;

    public Reactions {
        Map<String, List<UserId>> copy = new LinkedHashMap<>();
        byEmoji.forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                copy.put(emoji, List.copyOf(users));
            }
        });
        byEmoji = Collections.unmodifiableMap(copy);
    }

    /**
     * An emoji is a short run of visible characters: no spaces (no-break ones included), no control
     * characters, no broken surrogate halves, and not only joiners or modifiers. Code points the running
     * JDK does not know yet are accepted: emojis newer than its Unicode version are still emojis.
     */
    public static boolean isValidEmoji(String emoji) {
        if (emoji == null || emoji.isEmpty() || emoji.length() > MAX_EMOJI_LENGTH) {
            return false;
        }
        return emoji.codePoints().noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE)
                && emoji.codePoints().anyMatch(Reactions::isVisible);
    }

    private static boolean isVisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.FORMAT && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK;
    }

    public boolean has(String emoji, UserId user) {
        return byEmoji.getOrDefault(emoji, List.of()).contains(user);
    }

    public Reactions with(String emoji, UserId user) {
        if (has(emoji, user)) {
            return this;
        }
        Map<String, List<UserId>> next = new LinkedHashMap<>(byEmoji);
        List<UserId> users = new ArrayList<>(next.getOrDefault(emoji, List.of()));
        users.add(user);
        next.put(emoji, users);
        return new Reactions(next);
    }

    public Reactions without(String emoji, UserId user) {
        if (!has(emoji, user)) {
            return this;
        }
        Map<String, List<UserId>> next = new LinkedHashMap<>(byEmoji);
        List<UserId> users = new ArrayList<>(next.get(emoji));
        users.remove(user);
        next.put(emoji, users);
        return new Reactions(next);
    }

    public int distinct() {
        return byEmoji.size();
    }

    public boolean isEmpty() {
        return byEmoji.isEmpty();
    }
}
