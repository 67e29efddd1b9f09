package io.timesync.hil.ptp;

import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sim.SimulatedPtp4l;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A ptp4l with several ports: each bench interface is judged by its own port, never by another's. */
class PortStateWatchTest {
    @TempDir
    Path directory;

    @Test
    void awaitsThePortOnTheBenchInterfaceNotAnother() {
        // port 1 on eth0 listens, port 2 on eth1 is MASTER
        var datasets = SimulatedPtp4lDatasets.grandmaster(List.of("eth0", "eth1"), 0, PortState.MASTER);
        List<PortDataSet> ports = new ArrayList<>(datasets.portDataSets());
        PortDataSet first = ports.get(0);
        ports.set(0, new PortDataSet(first.portIdentity(), PortState.LISTENING, first.logMinDelayReqInterval(),
                first.peerMeanPathDelay(), first.logAnnounceInterval(), first.announceReceiptTimeout(),
                first.logSyncInterval(), first.delayMechanism(), first.logMinPdelayReqInterval(), first.versionNumber()));
        var mixed = new io.timesync.hil.ptp.Ptp4lSnapshot(datasets.defaultDataSet(), datasets.currentDataSet(),
                datasets.parentDataSet(), datasets.timePropertiesDataSet(), datasets.timeStatusNp(), ports,
                datasets.portProperties());
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(directory.resolve("ptp4l"), () -> mixed,
                SimulatedPtp4l.Behaviour.ANSWER);
             PtpManagementClient client = PtpManagementClient.open(ptp4l.socket(), 0,
                     TimeUnit.MILLISECONDS.toNanos(500))) {
            PortStateWatch.Observation eth0 = PortStateWatch.awaitState(client, "eth0", PortState.MASTER,
                    TimeUnit.MILLISECONDS.toNanos(300));
            PortStateWatch.Observation eth1 = PortStateWatch.awaitState(client, "eth1", PortState.MASTER,
                    TimeUnit.MILLISECONDS.toNanos(300));

            assertThat(eth0.portNumber()).contains(1);
            assertThat(eth0.states().reached()).isFalse();
            assertThat(eth0.states().statesSeen()).containsExactly(PortState.LISTENING);
            assertThat(eth1.portNumber()).contains(2);
            assertThat(eth1.states().reached()).isTrue();
        }
    }
}
