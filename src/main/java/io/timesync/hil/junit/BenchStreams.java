package io.timesync.hil.junit;

import java.util.List;

/** One argument per sensor stream ("os-1 lidar", "os-1 imu accel", ...). */
public final class BenchStreams extends BenchArguments {
    public BenchStreams() {
        super("(no sensor)");
    }

    @Override
    List<String> names(BenchSession session) {
        return session.sensors().streams();
    }
}
