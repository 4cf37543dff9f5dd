package org.dect.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.dect.dicom.net.CallerPolicy;

/** The allow list and the destinations, as the command line and the configuration file give them. */
class AllowedCallerTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void anAllowListAdmitsItsTitlesFromTheirHostsOnly() throws Exception {
        CallerPolicy p = AllowedCaller.policy(List.of(AllowedCaller.parse("SCANNER"), AllowedCaller.parse("CT2@127.0.0.1")));
        assertNull(p.refusal("SCANNER", InetAddress.getByName("10.1.2.3")));
        assertNull(p.refusal("CT2", LOOPBACK));
        assertEquals("AE title CT2 is allowed, but not from 10.1.2.3", p.refusal("CT2", InetAddress.getByName("10.1.2.3")));
        assertEquals("AE title scanner is not allowed", p.refusal("scanner", LOOPBACK), "AE titles are compared as given");
        assertNull(AllowedCaller.policy(List.of()).refusal("ANYONE", LOOPBACK), "no list: anyone");
    }

    @Test
    void malformedEntriesAreRefusedWithTheForm() {
        assertEquals("an allowed caller is AET or AET@HOST, the AE title at most 16 characters; got 'A@'",
                assertThrows(IllegalArgumentException.class, () -> AllowedCaller.parse("A@")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AllowedCaller.parse("SEVENTEEN_LETTERS"));
        assertThrows(IllegalArgumentException.class, () -> AllowedCaller.policy(List.of(AllowedCaller.parse("X@no-such-host.invalid"))));
    }

    @Test
    void destinationsAreAetAtHostColonPort() {
        Destination d = Destination.parse("PACS@10.0.0.5:104");
        assertEquals(new Destination("PACS", "10.0.0.5", 104), d);
        assertEquals("PACS@10.0.0.5_104", d.folderName());
        assertEquals("PACS@10.0.0.5:104", d.toString());
        for (String bad : List.of("PACS@10.0.0.5", "10.0.0.5:104", "PACS@host:0", "PACS@host:70000", "@host:104")) {
            assertThrows(IllegalArgumentException.class, () -> Destination.parse(bad), bad);
        }
    }
}
