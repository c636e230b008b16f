package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class ReactionsTest {
    private static final UserId A = UserId.of("a");
    private static final UserId B = UserId.of("b");
    private static final UserId C = UserId.of("c");

    @Test
    void emojis_keep_the_order_in_which_they_first_appeared() {
        Reactions reactions = Reactions.NONE.with("👍", A).with("❤️", B).with("😂", C).with("👍", C);

        assertThat(reactions.byEmoji().keySet()).containsExactly("👍", "❤️", "😂");
        assertThat(reactions.byEmoji().get("👍")).containsExactly(A, C);
    }

    @Test
    void an_emoji_dropped_and_added_again_comes_last() {
        Reactions reactions = Reactions.NONE.with("👍", A).with("❤️", B).without("👍", A).with("👍", C);

        assertThat(reactions.byEmoji().keySet()).containsExactly("❤️", "👍");
    }

    @Test
    void emojis_nobody_reacts_with_are_dropped() {
        Map<String, List<UserId>> raw = new LinkedHashMap<>();
        raw.put("👍", List.of());
        raw.put("❤️", List.of(A));

        Reactions reactions = new Reactions(raw);

        assertThat(reactions.byEmoji()).containsOnlyKeys("❤️");
        assertThat(reactions.distinct()).isEqualTo(1);
        assertThat(new Reactions(Map.of("👍", List.of())).isEmpty()).isTrue();
    }

    @Test
    void order_of_a_given_map_is_kept() {
        Map<String, List<UserId>> raw = new LinkedHashMap<>();
        raw.put("z", List.of(A));
        raw.put("a", List.of(B));
        raw.put("m", List.of(C));

        assertThat(new Reactions(raw).byEmoji().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void reactions_are_immutable_and_copy_what_they_are_given() {
        List<UserId> users = new ArrayList<>(List.of(A));
        Map<String, List<UserId>> raw = new LinkedHashMap<>();
        raw.put("👍", users);
        Reactions reactions = new Reactions(raw);

        users.add(B);
        raw.put("❤️", List.of(C));

        assertThat(reactions.byEmoji()).containsExactly(Map.entry("👍", List.of(A)));
        assertThatThrownBy(() -> reactions.byEmoji().put("x", List.of(A))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> reactions.byEmoji().get("👍").add(B)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void adding_and_removing_are_idempotent() {
        Reactions once = Reactions.NONE.with("👍", A);

        assertThat(once.with("👍", A)).isSameAs(once);
        assertThat(once.without("👍", B)).isSameAs(once);
        assertThat(once.without("❤️", A)).isSameAs(once);
        assertThat(once.without("👍", A).without("👍", A)).isEqualTo(Reactions.NONE);
    }

    @Test
    void has_tells_whether_that_person_reacted_with_that_emoji() {
        Reactions reactions = Reactions.NONE.with("👍", A);

        assertThat(reactions.has("👍", A)).isTrue();
        assertThat(reactions.has("👍", B)).isFalse();
        assertThat(reactions.has("❤️", A)).isFalse();
    }

    @Test
    void changes_leave_the_original_untouched() {
        Reactions original = Reactions.NONE.with("👍", A);

        original.with("👍", B).without("👍", A);

        assertThat(original.byEmoji()).containsExactly(Map.entry("👍", List.of(A)));
        assertThat(Reactions.NONE.isEmpty()).isTrue();
    }
}
