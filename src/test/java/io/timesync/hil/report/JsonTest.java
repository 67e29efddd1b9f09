package io.timesync.hil.report;

import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.PortState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    record Port(int number, PortState state, ClockIdentity clock, Optional<String> note, List<Long> offsetsNs) {
    }

    @Test
    void rendersRecordsByComponentName() {
        Port port = new Port(1, PortState.MASTER, ClockIdentity.parse("020000.fffe.000001"), Optional.empty(),
                List.of(-5L, 7L));

        assertThat(Json.write(port)).isEqualTo("""
                {
                  "number": 1,
                  "state": "MASTER",
                  "clock": "020000.fffe.000001",
                  "note": null,
                  "offsetsNs": [
                    -5,
                    7
                  ]
                }
                """);
    }

    @Test
    void escapesTextAndRendersMapsAndEmptyCollections() {
        assertThat(Json.write(Map.of("say \"hi\"\n", List.of()))).isEqualTo("{\n  \"say \\\"hi\\\"\\n\": []\n}\n");
        assertThat(Json.write(Double.NaN)).isEqualTo("\"NaN\"\n");
    }
}
