package org.carechat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserTest {
    private static final UserId ID = UserId.of("d1");

    @Test
    void blank_specialty_means_no_specialty() {
        assertThat(new User(ID, "Dr. Ada", Role.DOCTOR, "   ").specialty()).isNull();
        assertThat(new User(ID, "Dr. Ada", Role.DOCTOR, "cardiology").specialty()).isEqualTo("cardiology");
    }

    @Test
    void name_is_required_and_at_most_200_characters() {
        assertThat(new User(ID, "a".repeat(200), Role.DOCTOR, null).name()).hasSize(200);
        assertThatThrownBy(() -> new User(ID, "a".repeat(201), Role.DOCTOR, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User(ID, " ", Role.DOCTOR, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void id_and_role_are_required() {
        assertThatThrownBy(() -> new User(null, "Ada", Role.DOCTOR, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new User(ID, "Ada", null, null)).isInstanceOf(NullPointerException.class);
    }
}
