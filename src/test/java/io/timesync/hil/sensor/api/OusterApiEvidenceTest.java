package io.timesync.hil.sensor.api;

import io.timesync.hil.report.Json;
import io.timesync.hil.sim.SimulatedOusterApi;
import org.junit.jupiter.api.Test;

import static io.timesync.hil.sensor.api.ApiTestSensors.client;
import static io.timesync.hil.sensor.api.ApiTestSensors.start;
import static io.timesync.hil.sensor.api.ApiTestSensors.typical;
import static org.assertj.core.api.Assertions.assertThat;

/** A reading renders as report evidence: identities as pmc writes them, absent values as null, bodies as read. */
class OusterApiEvidenceTest {

    @Test
    void aReadingRendersAsReportJson() {
        try (SimulatedOusterApi api = start(typical()); OusterApiClient client = client(api)) {
            OusterApiReading reading = client.read();
            String evidence = Json.write(reading);

            assertThat(evidence).contains("\"grandmasterIdentity\": \"02005e.fffe.000001\"",
                    "\"parentPortIdentity\": \"02005e.fffe.000001-1\"", "\"portState\": \"SLAVE\"",
                    "\"meanPathDelayNs\": 1834", "\"stepsRemoved\": 1", "\"domainNumber\": null",
                    "\"timestampMode\": \"TIME_FROM_PTP_1588\"", "\"lidarProfile\": \"RNG19_RFL8_SIG16_NIR16\"",
                    "\"endpoint\": \"/api/v1/time/ptp\"",
                    "\"body\": \"{\\\"fw\\\":\\\"ousteros-image-prod-aries-v3.2.0+20240611201015\\\"}\"");
        }
    }
}
