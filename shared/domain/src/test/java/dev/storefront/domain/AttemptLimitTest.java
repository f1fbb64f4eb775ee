package dev.storefront.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptLimitTest {

    final AttemptLimit limit = new AttemptLimit("declined-payment", 5, Duration.ofHours(1));
    final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void the_limit_blocks_from_the_max_th_failure_until_the_window_ends() {
        Instant ends = limit.windowFrom(now);

        assertThat(limit.blocks(4, ends, now)).isFalse();
        assertThat(limit.blocks(5, ends, now)).isTrue();
        assertThat(limit.blocks(5, ends, ends.minusSeconds(1))).isTrue();
        assertThat(limit.blocks(50, ends, ends)).as("a window that ended blocks nothing").isFalse();
    }

    @Test
    void a_refusal_is_429_too_many_attempts_with_whole_seconds_to_wait_rounded_up() {
        TooManyAttempts refusal = limit.refusal(now.plusMillis(90_500), now, "too many");

        assertThat(refusal.code()).isEqualTo(ProblemCode.TOO_MANY_ATTEMPTS);
        assertThat(refusal.code().status()).isEqualTo(429);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(91);
        assertThat(limit.refusal(now, now, "x").retryAfterSeconds()).isEqualTo(1);
        assertThatThrownBy(() -> new AttemptLimit("x", 0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
