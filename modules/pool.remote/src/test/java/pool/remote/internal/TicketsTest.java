package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pool.protocol.Protocol;
import pool.remote.TicketLimits;

class TicketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Tickets tickets = new Tickets(new TicketLimits(Duration.ofMinutes(10), Duration.ofHours(1), 2,
            1 << 20), now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aTicketIsThirtyTwoRandomBytesFoundOnlyByThemAll() {
        Tickets.Issued a = tickets.issue(new Login("app", null));
        Tickets.Issued b = tickets.issue(new Login("app", null));
        assertEquals(Protocol.TICKET_BYTES, a.bytes().length);
        assertFalse(java.util.Arrays.equals(a.bytes(), b.bytes()));
        assertSame(a.ticket(), tickets.use(a.bytes()));
        byte[] guess = a.bytes().clone();
        guess[31] ^= 1;
        assertNull(tickets.use(guess));
        assertNull(tickets.use(java.util.Arrays.copyOf(a.bytes(), 31)), "a ticket of another length is no ticket");
        assertNull(tickets.use(null));
    }

    /** A client logging in again and again with the right password cannot grow the daemon's tickets without end. */
    @Test
    void aUsersTicketsAreBoundedAndTheOneUnusedTheLongestEndsFirst() {
        Tickets.Issued other = tickets.issue(new Login("other", null));
        java.util.List<Tickets.Issued> app = new java.util.ArrayList<>();
        for (int i = 0; i < Tickets.MAX_PER_USER; i++) {
            advance(Duration.ofMillis(1));
            app.add(tickets.issue(new Login("app", null)));
        }
        advance(Duration.ofMillis(1));
        assertNotNull(tickets.use(app.get(0).bytes()), "the first, used again: no longer the one unused longest");
        advance(Duration.ofMillis(1));
        Tickets.Issued next = tickets.issue(new Login("app", null));
        assertEquals(Tickets.MAX_PER_USER + 1, tickets.size(), "the user's tickets stay at the bound, beside the other's");
        assertTrue(app.get(1).ticket().ended(), "the one unused the longest ended");
        assertNull(tickets.use(app.get(1).bytes()));
        assertNotNull(tickets.use(app.get(0).bytes()));
        assertNotNull(tickets.use(next.bytes()));
        assertNotNull(tickets.use(other.bytes()), "another user's ticket is not touched");
    }

    @Test
    void anUnusedTicketEndsAfterItsIdleTime() {
        Tickets.Issued t = tickets.issue(new Login("app", null));
        advance(Duration.ofMinutes(9));
        assertNotNull(tickets.use(t.bytes()), "used within its idle time");
        advance(Duration.ofMinutes(9));
        assertNotNull(tickets.use(t.bytes()), "each use starts its idle time afresh");
        advance(Duration.ofMinutes(11));
        assertNull(tickets.use(t.bytes()), "refused before the reaper ran");
        tickets.expire(now.get());
        assertTrue(t.ticket().ended());
        assertEquals(0, tickets.size());
    }

    @Test
    void aTicketEndsAtItsLifetimeHoweverMuchItIsUsed() {
        Tickets.Issued t = tickets.issue(new Login("app", null));
        for (int i = 0; i < 12; i++) {
            advance(Duration.ofMinutes(5));
            assertNotNull(tickets.use(t.bytes()), "minute " + (i + 1) * 5);
        }
        advance(Duration.ofSeconds(1));
        assertNull(tickets.use(t.bytes()), "an hour and a second after its login");
        tickets.expire(now.get());
        assertTrue(t.ticket().ended());
    }

    @Test
    void endingATicketClosesItsChannelsAndRefusesNewOnes() throws Exception {
        Tickets.Issued t = tickets.issue(new Login("app", null));
        Socket channel = new Socket();
        assertTrue(t.ticket().addChannel(channel));
        tickets.retainUsers(user -> !user.equals("app"));
        assertTrue(t.ticket().ended());
        until("the channel closed (on a virtual thread of its own)", Duration.ofSeconds(10), channel::isClosed);
        assertFalse(t.ticket().addChannel(new Socket()));
        assertNull(tickets.use(t.bytes()));
    }

    @Test
    void aTicketHasAtMostItsChannelsOpenAtOnce() {
        Ticket t = tickets.issue(new Login("app", null)).ticket();
        Socket first = new Socket();
        assertTrue(t.addChannel(first));
        assertTrue(t.addChannel(new Socket()));
        assertFalse(t.addChannel(new Socket()), "a third channel of a ticket allowed two");
        t.removeChannel(first);
        assertTrue(t.addChannel(new Socket()), "a channel that closed makes room");
    }

    @Test
    void aReloadEndsOnlyTheTicketsOfUsersItRemoves() {
        Tickets.Issued kept = tickets.issue(new Login("app", null));
        Tickets.Issued gone = tickets.issue(new Login("old", null));
        tickets.retainUsers(user -> user.equals("app"));
        assertNotNull(tickets.use(kept.bytes()));
        assertNull(tickets.use(gone.bytes()));
    }
}
