package io.timesync.hil.junit;

import io.timesync.hil.bench.BenchSession;
import io.timesync.hil.sensor.StreamId;
import io.timesync.hil.sensor.StreamKind;

import java.util.List;

/** One argument per sensor stream ({@link StreamId}: os-1 lidar, os-1 imu accel, ...). */
public final class EachSensorStream extends BenchArguments {
    @Override
    List<?> items(BenchSession session) {
        return session.sensors().streams();
    }

    @Override
    Object placeholder() {
        return new StreamId("(no sensor)", StreamKind.LIDAR);
    }
}
