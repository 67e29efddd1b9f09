package io.timesync.hil.sim.gige;

import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.sim.net.PathDelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated GigE camera's fault texts and command line. */
class GigeFaultTest {

    @ParameterizedTest
    @CsvSource({"commandDelay=20ms, COMMAND_DELAY, 20000000", "disconnectAfter=3, DISCONNECT_AFTER, 3",
        "frozen, FROZEN, 0", "zero, ZERO, 0", "noPtpDataSet, NO_PTP_DATA_SET, 0"})
    void parsesEachFaultAndWritesItBack(String text, GigeFault.Kind kind, long amount) {
        GigeFault fault = GigeFault.parse(text);

        assertThat(fault).isEqualTo(new GigeFault(kind, amount));
        assertThat(fault).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"broken|unknown GigE camera fault 'broken'", "commandDelay|needs a value",
        "zero=1|takes no value", "commandDelay=5|needs a unit", "disconnectAfter=many|not a whole number"})
    void rejectsWhatItDoesNotKnowAndSaysWhatItTakes(String text, String problem) {
        assertThatThrownBy(() -> GigeFault.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void parsesTheCommandLine() {
        GigeDeviceOptions options = GigeDeviceOptions.parse("--bind=127.0.77.9", "--port=0", "--serial=05520126",
                "--faults=frozen,commandDelay=1s", "--offset=-150ms", "--drift=10ppm", "--tick-frequency=125000000",
                "--pending-timeout=50ms", "--pending-ack-enabled", "--ptp-status=listening",
                "--grandmaster=ec4670.fffe.0a0b0c", "--request-delay=300us", "--reply-delay=30us+10us",
                "--print-latches");

        assertThat(options.bind().getHostAddress()).isEqualTo("127.0.77.9");
        assertThat(options.port()).isZero();
        assertThat(options.faults()).containsExactly(new GigeFault(GigeFault.Kind.FROZEN, 0),
                new GigeFault(GigeFault.Kind.COMMAND_DELAY, 1_000_000_000L));
        assertThat(List.of(options.offsetNs(), options.driftPpb(), options.tickFrequencyHz()))
                .containsExactly(-150_000_000L, 10_000L, 125_000_000L);
        assertThat(options.pendingTimeoutMs()).isEqualTo(50);
        assertThat(options.pendingAckEnabled()).isTrue();
        assertThat(options.ptpStatus()).isEqualTo(PtpStatus.LISTENING);
        assertThat(options.grandmaster()).isEqualTo(ClockIdentity.parse("ec4670.fffe.0a0b0c"));
        assertThat(options.requestDelay()).contains(new PathDelay(300_000, 0));
        assertThat(options.replyDelay()).isEqualTo(new PathDelay(30_000, 10_000));
        assertThat(options.printLatches()).isTrue();
        assertThat(GigeDeviceOptions.parse("--serial=1").requestDelay()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesUnknownOptionsAndAMissingSerial() {
        assertThatThrownBy(() -> GigeDeviceOptions.parse("--serial=1", "--colour=red"))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> GigeDeviceOptions.parse("--port=0")).hasMessage("--serial is required");
        assertThatThrownBy(() -> GigeDeviceOptions.parse("--serial=1", "--ptp-status=Sleeping"))
                .hasMessageContaining("unknown PtpStatus 'Sleeping'");
    }

    @Test
    void derivesTheClockIdentityFromTheMacAddressAsEui64() {
        DeviceIdentity identity = new DeviceIdentity("v", "m", "1", "1", "", "s", "", 0x00_07_48_12_34_56L);

        assertThat(identity.clockIdentity()).isEqualTo(ClockIdentity.parse("000748.fffe.123456"));
    }
}
