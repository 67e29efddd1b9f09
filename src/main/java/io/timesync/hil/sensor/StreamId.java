package io.timesync.hil.sensor;

/** One stream of one sensor, e.g. {@code os-1 lidar}: how reports, arguments and evidence name it. */
public record StreamId(String sensor, StreamKind kind) {

    @Override
    public String toString() {
        return sensor + " " + kind.label();
    }
}
