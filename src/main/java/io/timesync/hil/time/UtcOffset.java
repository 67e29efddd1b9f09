package io.timesync.hil.time;

/**
 * TAI - UTC, to turn PTP timestamps (TAI) into the host's UTC; {@code source} says where the value came from
 * (the grandmaster's announcement, or the bench file), for the report.
 */
public record UtcOffset(long offsetNs, String source) {
}
