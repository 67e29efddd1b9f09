package io.timesync.hil.selftest;

import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.requirements.GrandmasterPresentThroughoutTest;
import io.timesync.hil.requirements.GrandmasterPresentTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grandmaster lost mid-run turns the run red: the whole-run check fails saying when and to what, and the camera
 * samples taken after the loss cannot pass. The cameras are measured for 2.5 s, the ptp4l changes 1 s after the
 * bench opened: whenever the measurement starts, its last samples come after the change.
 */
class GrandmasterHeldSelfTest {
    private static final List<Class<?>> RUN = List.of(GrandmasterPresentTest.class, CameraAlignmentTest.class,
            GrandmasterPresentThroughoutTest.class);
    private static final Map<String, String> FIVE_SAMPLES_OVER_TWO_SECONDS = Map.of("hil.cameras.samples", "5",
            "hil.cameras.interval", "500ms", "hil.ptp4l.replyTimeout", "200ms");
    private static final String HELD = "heldForTheWholeRun";

    @Test
    void aBenchThatKeepsItsGrandmasterPassesWithTheWatchsRecord() {
        RequirementRun run = RequirementRun.of(RUN, FIVE_SAMPLES_OVER_TWO_SECONDS);

        assertThat(run.statuses()).containsEntry(HELD, PASSED);
        assertThat(run.statuses().values()).containsOnly(PASSED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "slave     | role=Slave, gmClockID=02005e.fffe.0000aa",
            "listening | role=Listening",
            "absent    | unavailable (the management socket",
            "silent    | unavailable (no reply",
            "garbage   | unavailable (",
    })
    void aGrandmasterLostMidRunFailsTheWatchAndLeavesLaterSamplesUnproven(String role, String seen) {
        Map<String, String> properties = new HashMap<>(FIVE_SAMPLES_OVER_TWO_SECONDS);
        properties.put("hil.simulation.ptp4l.roleAfter", "1s:" + role);

        RequirementRun run = RequirementRun.of(RUN, properties);

        assertThat(run.statuses()).containsEntry(HELD, FAILED);
        assertThat(run.message(HELD)).contains("the host lost the bench's grandmaster role during the run", seen);
        assertThat(run.statuses()).hasEntrySatisfying("withinThresholdOfEveryOtherCamera[camera 05520125]",
                status -> assertThat(status).isNotEqualTo(PASSED));
        assertThat(run.message("withinThresholdOfEveryOtherCamera[camera 05520125]")).contains(
                "taken while the host was not proven the bench's grandmaster");
    }
}
