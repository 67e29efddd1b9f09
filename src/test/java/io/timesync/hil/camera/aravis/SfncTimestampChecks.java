package io.timesync.hil.camera.aravis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.timesync.hil.camera.aravis.TimestampNodes.GEV_TICK_FREQUENCY;
import static io.timesync.hil.camera.aravis.TimestampNodes.GEV_TIMESTAMP_VALUE;
import static io.timesync.hil.camera.aravis.TimestampNodes.PTP_SLAVE;
import static io.timesync.hil.camera.aravis.TimestampNodes.PTP_STATUS;
import static io.timesync.hil.camera.aravis.TimestampNodes.SFNC_PTP_DATA_SET_LATCH;
import static io.timesync.hil.camera.aravis.TimestampNodes.SFNC_TIMESTAMP_LATCH;
import static io.timesync.hil.camera.aravis.TimestampNodes.SFNC_TIMESTAMP_LATCH_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fake camera whose description has SFNC's TimestampLatch/TimestampLatchValue and PtpDataSetLatch/PtpStatus
 * besides GigE Vision's timestamp features, as newer cameras do: SFNC's are chosen. Runs only through
 * {@link AravisConformanceTest}.
 */
class SfncTimestampChecks {
    private static final String SERIAL = "HILARVSFNC";
    private static final long LATCHED_NS = 1_795_290_176_509_973_496L;

    @TempDir
    static Path work;
    private static FakeGvCamera fake;

    @BeforeAll
    static void startFakeCamera() {
        IsolatedNetwork.requireIsolated();
        AravisPeers.requireAravisTools();
        fake = FakeGvCamera.startWithNodes(IsolatedNetwork.CAMERA_A, SERIAL, TimestampNodes.SFNC, work);
    }

    @AfterAll
    static void stopFakeCamera() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void prefersTimestampLatchInNanosecondsOverGigEVisionTicks() {
        fake.writeRegister(SFNC_TIMESTAMP_LATCH, 0);
        fake.writeRegister64(SFNC_TIMESTAMP_LATCH_VALUE, LATCHED_NS);
        fake.writeRegister64(GEV_TICK_FREQUENCY, 125_000_000L);
        fake.writeRegister64(GEV_TIMESTAMP_VALUE, 1);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.latchMethod()).contains("TimestampLatch/TimestampLatchValue (ns)");
            camera.latchTimestamp();
            assertThat(camera.latchedTimestampNs()).isEqualTo(LATCHED_NS);
            camera.latchTimestamp();
            assertThat(camera.latchedTimestampNs()).isEqualTo(LATCHED_NS);
        }
        assertThat(fake.readRegister(SFNC_TIMESTAMP_LATCH)).as("TimestampLatch's command value, written by the latch")
                .isEqualTo(1);
    }

    @Test
    void ptpStatusIsReadAfterLatchingThePtpDataSet() {
        fake.writeRegister(PTP_STATUS, PTP_SLAVE);
        fake.writeRegister(SFNC_PTP_DATA_SET_LATCH, 0);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.ptpStatusMethod()).contains("PtpDataSetLatch/PtpStatus");
            assertThat(camera.ptpStatus()).contains("Slave");
        }
        assertThat(fake.readRegister(SFNC_PTP_DATA_SET_LATCH)).as("PtpDataSetLatch executed before PtpStatus was read")
                .isEqualTo(1);
    }
}
