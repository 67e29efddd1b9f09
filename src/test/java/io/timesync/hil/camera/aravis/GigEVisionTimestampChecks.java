package io.timesync.hil.camera.aravis;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.checks.CameraChecks;
import io.timesync.hil.checks.Finding;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.Timeline;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.timesync.hil.camera.aravis.TimestampNodes.GEV_LATCH_BIT;
import static io.timesync.hil.camera.aravis.TimestampNodes.GEV_TICK_FREQUENCY;
import static io.timesync.hil.camera.aravis.TimestampNodes.GEV_TIMESTAMP_CONTROL;
import static io.timesync.hil.camera.aravis.TimestampNodes.GEV_TIMESTAMP_VALUE;
import static io.timesync.hil.camera.aravis.TimestampNodes.PTP_LISTENING;
import static io.timesync.hil.camera.aravis.TimestampNodes.PTP_SLAVE;
import static io.timesync.hil.camera.aravis.TimestampNodes.PTP_STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fake camera whose description has GigE Vision's timestamp features (GevTimestampControlLatch,
 * GevTimestampValue, GevTimestampTickFrequency on the real bootstrap registers) and GevIEEE1588Status.
 * The fake's clock does not run: the latched value is what the register holds, set here through arv-tool-0.8,
 * and must come back exactly, as often as it is read. Runs only through {@link AravisConformanceTest}.
 */
class GigEVisionTimestampChecks {
    private static final String SERIAL = "HILARVGEV";
    /** 2026-11-20 in TAI ns: close to what a PTP camera reports, needs 61 bits. */
    private static final long LATCHED_TICKS_AT_1_GHZ = 1_795_290_176_509_973_496L;

    @TempDir
    static Path work;
    private static FakeGvCamera fake;

    @BeforeAll
    static void startFakeCamera() {
        IsolatedNetwork.requireIsolated();
        AravisPeers.requireAravisTools();
        fake = FakeGvCamera.startWithNodes(IsolatedNetwork.CAMERA_A, SERIAL, TimestampNodes.GIGE_VISION, work);
    }

    @AfterAll
    static void stopFakeCamera() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void latchesWithGevTimestampControlLatchAndReportsTheFrozenValueFaithfully() {
        fake.writeRegister64(GEV_TICK_FREQUENCY, 1_000_000_000L);
        fake.writeRegister64(GEV_TIMESTAMP_VALUE, LATCHED_TICKS_AT_1_GHZ);
        fake.writeRegister(GEV_TIMESTAMP_CONTROL, 0);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.latchMethod()).contains("GevTimestampControlLatch/GevTimestampValue at 1000000000 Hz");

            camera.latchTimestamp();
            long first = camera.latchedTimestampNs();
            camera.latchTimestamp();
            long second = camera.latchedTimestampNs();

            assertThat(first).isEqualTo(LATCHED_TICKS_AT_1_GHZ);
            assertThat(second).as("the fake's clock does not run: reported as is, for the suite to judge")
                    .isEqualTo(first);
        }
        assertThat(fake.readRegister(GEV_TIMESTAMP_CONTROL)).as("the latch bit GevTimestampControlLatch wrote")
                .isEqualTo(GEV_LATCH_BIT);
    }

    /**
     * Measured by the suite as any camera is (latched in rounds over samples, judged against the host clock), the
     * fake's still clock is a failed check naming a frozen clock: never a pass, never a mere offset.
     */
    @Test
    void theSuiteJudgesTheFakesStillClockFrozenNeverPassed() {
        fake.writeRegister64(GEV_TICK_FREQUENCY, 1_000_000_000L);
        fake.writeRegister64(GEV_TIMESTAMP_VALUE, LATCHED_TICKS_AT_1_GHZ);
        AlignmentMeasurement measurement = new AlignmentMeasurement(new AlignmentMeasurement.Settings(3,
                20_000_000L, 2, 5_000_000_000L, 60_000_000_000L), HostClock.SYSTEM, new AlignmentMeasurement.Listener() {
        });
        Timeline<GrandmasterState> held = new Timeline<>(250_000_000L, List.of(new Timeline.Stretch<>(
                new GrandmasterState(true, true, "held"), 0, Long.MAX_VALUE / 2, 2, 0)));
        try (CameraRig rig = new CameraRig(List.of(SERIAL), AravisCameraBackend::load, measurement,
                () -> Optional.of(new UtcOffset(37_000_000_000L, "TAI - UTC")), () -> { })) {
            CameraRig.Measured measured = rig.alignment();

            Finding finding = CameraChecks.withinThresholdOfHostClock(measured, SERIAL, 1_000_000L, held);

            assertThat(finding.status()).isEqualTo(Finding.Status.FAILED);
            assertThat(finding.message()).contains("camera " + SERIAL + "'s clock: the camera clock did not advance",
                    "its clock is frozen");
        }
    }

    @Test
    void ticksOfA125MHzClockAreConvertedToNanosecondsExactly() {
        long ticks = 224_411_272_063_746_687L; // 1.795e18 ns at 8 ns per tick
        fake.writeRegister64(GEV_TICK_FREQUENCY, 125_000_000L);
        fake.writeRegister64(GEV_TIMESTAMP_VALUE, ticks);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.latchMethod()).contains("GevTimestampControlLatch/GevTimestampValue at 125000000 Hz");
            camera.latchTimestamp();
            assertThat(camera.latchedTimestampNs()).isEqualTo(ticks * 8).isEqualTo(1_795_290_176_509_973_496L);
        } finally {
            fake.writeRegister64(GEV_TICK_FREQUENCY, 1_000_000_000L);
        }
    }

    @Test
    void aZeroTickFrequencyMeansTheCameraHasNoTimestamp() {
        fake.writeRegister64(GEV_TICK_FREQUENCY, 0);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.latchMethod()).startsWith("none: ");
            assertThatThrownBy(camera::latchTimestamp).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageContaining("cannot latch its clock: TimestampLatch: not in the camera's GenICam "
                            + "description; TimestampLatchValue: not in the camera's GenICam description; "
                            + "GevTimestampTickFrequency reads 0 Hz (no timestamp counter)");
        } finally {
            fake.writeRegister64(GEV_TICK_FREQUENCY, 1_000_000_000L);
        }
    }

    @Test
    void gevIeee1588StatusIsThePtpStatusOfACameraWithoutSfncPtpStatus() {
        fake.writeRegister(PTP_STATUS, PTP_SLAVE);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.ptpStatusMethod()).contains("GevIEEE1588Status");
            assertThat(camera.ptpStatus()).contains("Slave");
            assertThat(camera.readEnumeration("GevIEEE1588Status")).isEqualTo("Slave");
        }
        fake.writeRegister(PTP_STATUS, PTP_LISTENING);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            assertThat(camera.ptpStatus()).contains("Listening");
        }
    }

    @Test
    void aStateThatIsNoneOfTheEnumerationEntriesIsReportedWithTheValueHeld() {
        fake.writeRegister(PTP_STATUS, 42);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL)) {
            // Aravis sets no GError here, it returns NULL and logs a warning
            assertThatThrownBy(camera::ptpStatus).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageStartingWith("Bench part misbehaving: camera HILARVGEV (Aravis Fake at 127.0.0.91): "
                            + "GevIEEE1588Status holds 42, which is none of its entries")
                    .hasMessageContaining("Hint: the camera's firmware and its GenICam description disagree");
        } finally {
            fake.writeRegister(PTP_STATUS, PTP_SLAVE);
        }
    }
}
