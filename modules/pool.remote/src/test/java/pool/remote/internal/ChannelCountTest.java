package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChannelCountTest {

    @Test
    void oneUserOpensAtMostItsShareAndTheOthersTheRestUpToTheDaemonsBound() {
        ChannelCount count = new ChannelCount(() -> 4, () -> 2);
        assertNull(count.open("attacker"));
        assertNull(count.open("attacker"));
        ChannelCount.Refusal share = count.open("attacker");
        assertTrue(share.byUser());
        assertEquals(2, share.limit());
        assertNull(count.open("b"));
        assertNull(count.open("c"));
        ChannelCount.Refusal full = count.open("d");
        assertEquals(new ChannelCount.Refusal(false, 4), full);
        count.close("attacker");
        assertNull(count.open("d"));
        assertEquals(1, count.openBy("attacker"));
        assertEquals(4, count.open());
    }

    @Test
    void theDefaultBoundIsFourChannelsPerPoolConnectionWithinTwoHundredFiftySixAndOneThousandTwentyFour() {
        assertEquals(256, ChannelCount.defaultMax(8));
        assertEquals(400, ChannelCount.defaultMax(100));
        assertEquals(1024, ChannelCount.defaultMax(10_000));
        assertEquals(1024, ChannelCount.defaultMax(Integer.MAX_VALUE));
    }
}
