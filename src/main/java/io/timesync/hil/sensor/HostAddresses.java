package io.timesync.hil.sensor;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** This host's own IP addresses, as a sensor's udp_dest names them. */
public final class HostAddresses {
    private HostAddresses() {
    }

    /** Every address of every interface that is up (loopback included: a simulated sensor sends there). */
    public static Set<String> all() {
        Set<String> addresses = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        // udp_dest never carries an IPv6 zone (%eth0)
                        addresses.add(address.getHostAddress().split("%")[0]);
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this host's network interfaces: " + e.getMessage(), e);
        }
        return addresses;
    }
}
