package com.geopera.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void ids_carry_their_prefix_and_are_unique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.next("job");
            assertThat(Ids.isValid("job", id)).isTrue();
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void ids_sort_by_creation_time() {
        assertThat(Ids.ulid(1_000L).compareTo(Ids.ulid(2_000L))).isNegative();
    }

    @Test
    void malformed_ids_are_not_valid() {
        assertThat(Ids.isValid("job", "org_01JD3Q8Z5X6V7W8Y9Z0A1B2C3D")).isFalse();
        assertThat(Ids.isValid("job", "job_../../etc/passwd")).isFalse();
        assertThat(Ids.isValid("job", null)).isFalse();
    }
}
