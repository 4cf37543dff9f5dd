package org.dect.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.dect.dicom.net.CallerPolicy;

/** One entry of the allow list: AET, or AET@HOST (the host by name or address). */
public record AllowedCaller(String aet, String host) {

    public static AllowedCaller parse(String s) {
        String t = s.trim();
        int at = t.lastIndexOf('@');
        String aet = at < 0 ? t : t.substring(0, at);
        String host = at < 0 ? null : t.substring(at + 1);
        if (aet.isEmpty() || aet.length() > 16 || host != null && host.isEmpty()) {
            throw new IllegalArgumentException("an allowed caller is AET or AET@HOST, the AE title at most 16 characters; got '" + s + "'");
        }
        return new AllowedCaller(aet, host);
    }

    /**
     * The policy of a list: anyone when it is empty; else a caller whose AE title is listed, from one of
     * that entry's host's addresses when it names a host. Host names are resolved once, here.
     */
    static CallerPolicy policy(List<AllowedCaller> allowed) {
        if (allowed.isEmpty()) {
            return CallerPolicy.ANYONE;
        }
        record Entry(String aet, List<InetAddress> addresses) { }
        List<Entry> entries = allowed.stream().map(a -> new Entry(a.aet(), a.host() == null ? null : resolve(a.host()))).toList();
        return (aet, address) -> {
            boolean titleKnown = false;
            for (Entry e : entries) {
                if (e.aet().equals(aet)) {
                    titleKnown = true;
                    if (e.addresses() == null || e.addresses().contains(address)) {
                        return null;
                    }
                }
            }
            return titleKnown ? "AE title " + aet + " is allowed, but not from " + address.getHostAddress() : "AE title " + aet + " is not allowed";
        };
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the allowed host " + host + " is unknown: give its address or a name that resolves");
        }
    }
}
