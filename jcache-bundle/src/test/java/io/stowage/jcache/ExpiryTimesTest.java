package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

import org.junit.jupiter.api.Test;

class ExpiryTimesTest {

    private static final long NOW = 1_000_000;

    /** A policy giving one duration for every event, or throwing when given null for {@code failing}. */
    private record FixedPolicy(Duration duration, boolean failing) implements ExpiryPolicy {

        @Override
        public Duration getExpiryForCreation() {
            return answer();
        }

        @Override
        public Duration getExpiryForAccess() {
            return answer();
        }

        @Override
        public Duration getExpiryForUpdate() {
            return answer();
        }

        private Duration answer() {
            if (failing) {
                throw new IllegalStateException("policy failure");
            }
            return duration;
        }
    }

    @Test
    void aDurationIsAnExpiryTimeFromNow() {
        ExpiryTimes times = new ExpiryTimes(new FixedPolicy(new Duration(TimeUnit.SECONDS, 2), false));
        assertEquals(NOW + 2000, times.forCreation(NOW));
        assertEquals(NOW + 2000, times.forUpdate(NOW));
        assertEquals(NOW + 2000, times.forAccess(NOW));
    }

    @Test
    void eternalZeroAndNullAreNeverNowAndUnchanged() {
        assertEquals(ExpiryTimes.NEVER, new ExpiryTimes(new FixedPolicy(Duration.ETERNAL, false)).forUpdate(NOW));
        assertEquals(ExpiryTimes.NOW, new ExpiryTimes(new FixedPolicy(Duration.ZERO, false)).forAccess(NOW));
        ExpiryTimes unchanged = new ExpiryTimes(new FixedPolicy(null, false));
        assertEquals(ExpiryTimes.UNCHANGED, unchanged.forUpdate(NOW));
        assertEquals(ExpiryTimes.UNCHANGED, unchanged.forAccess(NOW));
        assertEquals(ExpiryTimes.NEVER, unchanged.forCreation(NOW), "a new entry has no expiry to keep");
    }

    @Test
    void aFailingPolicyLeavesTheExpiryAsItWas() {
        ExpiryTimes failing = new ExpiryTimes(new FixedPolicy(null, true));
        assertEquals(ExpiryTimes.NEVER, failing.forCreation(NOW));
        assertEquals(ExpiryTimes.UNCHANGED, failing.forUpdate(NOW));
        assertEquals(ExpiryTimes.UNCHANGED, failing.forAccess(NOW));
    }
}
