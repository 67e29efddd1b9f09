package io.timesync.hil.sim;

import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementTlv;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.Ptp4lVector;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.ptp.protocol.TimeStatusNp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated ptp4l speaks the same bytes as the real one: served the datasets a real ptp4l 3.1.1 had,
 * it answers each captured request with exactly the captured response, drops included.
 */
class SimulatedPtp4lConformanceTest {
    /** The simulator answers GETs only; this capture is of a SET. */
    private static final String UNSIMULATED = "slave_set_sync_uncertain_np";

    static Stream<Ptp4lVector> vectors() {
        return Ptp4lVector.all().filter(vector -> !vector.name().equals(UNSIMULATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void answersEachCapturedRequestWithTheCapturedBytes(Ptp4lVector vector) {
        Ptp4lSnapshot real = atCaptureOf(vector, captured(vector.name().startsWith("gm_") ? "gm" : "slave"));

        List<String> answers = SimulatedPtp4l.answer(vector.request(), real).stream()
                .map(HexFormat.of()::formatHex).toList();

        assertThat(answers).as(vector.description())
                .isEqualTo(vector.responses().stream().map(HexFormat.of()::formatHex).toList());
    }

    @Test
    void servesTheCapturedDatasetsOverItsSocket(@TempDir Path directory) {
        Ptp4lSnapshot real = captured("slave");
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(directory.resolve("ptp4l"), () -> real,
                SimulatedPtp4l.Behaviour.ANSWER);
             PtpManagementClient client = PtpManagementClient.open(ptp4l.socket(), 0, 1_000_000_000L)) {
            Ptp4lSnapshot snapshot = Ptp4lSnapshot.read(client);

            assertThat(snapshot.defaultDataSet()).isEqualTo(real.defaultDataSet());
            assertThat(snapshot.currentDataSet()).isEqualTo(real.currentDataSet());
            assertThat(snapshot.parentDataSet()).isEqualTo(real.parentDataSet());
            assertThat(snapshot.timeStatusNp()).isEqualTo(real.timeStatusNp());
            assertThat(snapshot.portDataSets()).isEqualTo(real.portDataSets());
            assertThat(snapshot.portProperties()).isEqualTo(real.portProperties());
            assertThat(snapshot.role()).isEqualTo("Slave");
        }
    }

    /** TIME_STATUS_NP changes with every Sync: serve the one ptp4l had when this vector was captured. */
    private static Ptp4lSnapshot atCaptureOf(Ptp4lVector vector, Ptp4lSnapshot datasets) {
        if (vector.responses().size() != 1 || !(vector.decodedResponse().payload() instanceof ManagementTlv tlv)
                || tlv.managementId() != TimeStatusNp.ID.code()) {
            return datasets;
        }
        return new Ptp4lSnapshot(datasets.defaultDataSet(), datasets.currentDataSet(), datasets.parentDataSet(),
                datasets.timePropertiesDataSet(), vector.data(TimeStatusNp.ID), datasets.portDataSets(),
                datasets.portProperties());
    }

    /** The datasets of the captured ptp4l ("gm" or "slave"), decoded from its captured responses. */
    static Ptp4lSnapshot captured(String role) {
        return new Ptp4lSnapshot(
                Ptp4lVector.load(role + "_default_data_set").data(DefaultDataSet.ID),
                Ptp4lVector.load(role + "_current_data_set").data(CurrentDataSet.ID),
                Ptp4lVector.load(role + "_parent_data_set").data(ParentDataSet.ID),
                Ptp4lVector.load(role + "_time_properties_data_set").data(TimePropertiesDataSet.ID),
                Ptp4lVector.load(role + "_time_status_np").data(TimeStatusNp.ID),
                List.of(Ptp4lVector.load(role + "_port_data_set").data(PortDataSet.ID)),
                List.of(Ptp4lVector.load(role + "_port_properties_np").data(PortPropertiesNp.ID)));
    }
}
