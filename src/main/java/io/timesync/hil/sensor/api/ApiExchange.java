package io.timesync.hil.sensor.api;

/**
 * One answered request to a sensor's API, as read: the evidence of what the sensor said.
 *
 * @param endpoint  path and query, e.g. {@code /api/v1/time/ptp}
 * @param status    the HTTP status
 * @param body      the body as received (UTF-8)
 * @param atUtcNs   when the answer arrived (CLOCK_REALTIME)
 * @param elapsedNs from sending the request to the whole answer
 */
public record ApiExchange(String endpoint, int status, String body, long atUtcNs, long elapsedNs) {
}
