package io.timesync.hil.sim;

import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.ClockQuality;
import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.ptp.protocol.TimeInterval;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.ptp.protocol.TimeStatusNp;

import java.util.ArrayList;
import java.util.List;

/** Datasets of a plausible host clock in a given PTP role, as ptp4l would report them. */
public final class SimulatedPtp4lDatasets {
    /** The simulated host's clockIdentity (from MAC 02:00:5e:00:00:01). */
    public static final ClockIdentity HOST = ClockIdentity.parse("02005e.fffe.000001");
    /** A foreign grandmaster the simulated host follows in the slave role. */
    public static final ClockIdentity FOREIGN_GRANDMASTER = ClockIdentity.parse("02005e.fffe.0000aa");

    /** TAI - UTC the simulated grandmaster announces (valid), and its cameras' clocks follow. */
    public static final int TAI_UTC_OFFSET_S = 37;
    private static final int TIME_SOURCE_INTERNAL_OSCILLATOR = 0xA0;
    private static final int TIMESTAMPING_HARDWARE = 1;
    private static final ClockQuality DEFAULT_QUALITY = new ClockQuality(248, 0xFE, 0xFFFF);

    private SimulatedPtp4lDatasets() {
    }

    /** This host is grandmaster; its ports are in {@code portState} (LISTENING until ptp4l settles, then MASTER). */
    public static Ptp4lSnapshot grandmaster(List<String> interfaces, int domainNumber, PortState portState) {
        PortIdentity self = new PortIdentity(HOST, 0);
        return new Ptp4lSnapshot(
                defaultDataSet(interfaces.size(), false, domainNumber),
                new CurrentDataSet(0, TimeInterval.ofNs(0), TimeInterval.ofNs(0)),
                new ParentDataSet(self, false, 0xFFFF, 0x7FFFFFFF, 10, DEFAULT_QUALITY, 128, HOST),
                new TimePropertiesDataSet(TAI_UTC_OFFSET_S, false, false, true, true, false, false, false,
                        TIME_SOURCE_INTERNAL_OSCILLATOR),
                new TimeStatusNp(0, 0, 0, 0, 0, 0, 0, 0, false, HOST),
                ports(interfaces, portState), properties(interfaces, portState));
    }

    /** This host follows a foreign grandmaster one step away: stepsRemoved 1, port SLAVE. */
    public static Ptp4lSnapshot slave(List<String> interfaces, int domainNumber, long nowNs) {
        return new Ptp4lSnapshot(
                defaultDataSet(interfaces.size(), false, domainNumber),
                new CurrentDataSet(1, TimeInterval.ofNs(-312), TimeInterval.ofNs(4_875)),
                new ParentDataSet(new PortIdentity(FOREIGN_GRANDMASTER, 1), false, 0xFFFF, 0x7FFFFFFF, 10,
                        DEFAULT_QUALITY, 128, FOREIGN_GRANDMASTER),
                new TimePropertiesDataSet(TAI_UTC_OFFSET_S, false, false, true, true, false, false, false,
                        TIME_SOURCE_INTERNAL_OSCILLATOR),
                new TimeStatusNp(-312, nowNs, 0, 0, 0, 0, 0, 0, true, FOREIGN_GRANDMASTER),
                ports(interfaces, PortState.SLAVE), properties(interfaces, PortState.SLAVE));
    }

    private static DefaultDataSet defaultDataSet(int numberPorts, boolean slaveOnly, int domainNumber) {
        return new DefaultDataSet(true, slaveOnly, numberPorts, 10, DEFAULT_QUALITY, 128, HOST, domainNumber);
    }

    private static List<PortDataSet> ports(List<String> interfaces, PortState state) {
        List<PortDataSet> ports = new ArrayList<>();
        for (int i = 0; i < interfaces.size(); i++) {
            ports.add(new PortDataSet(new PortIdentity(HOST, i + 1), state, 0, TimeInterval.ofNs(0), 1, 3, 0, 1, 0,
                    2));
        }
        return ports;
    }

    private static List<PortPropertiesNp> properties(List<String> interfaces, PortState state) {
        List<PortPropertiesNp> properties = new ArrayList<>();
        for (int i = 0; i < interfaces.size(); i++) {
            properties.add(new PortPropertiesNp(new PortIdentity(HOST, i + 1), state, TIMESTAMPING_HARDWARE,
                    interfaces.get(i)));
        }
        return properties;
    }
}
