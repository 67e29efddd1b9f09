package io.timesync.hil.junit;

import io.timesync.hil.bench.BenchSession;
import io.timesync.hil.config.SensorSpec;

import java.util.List;

/** One argument per configured sensor name (os-front, ...). */
public final class EachSensor extends BenchArguments {
    @Override
    List<?> items(BenchSession session) {
        return session.config().sensors().stream().map(SensorSpec::name).toList();
    }

    @Override
    Object placeholder() {
        return "(no sensor)";
    }
}
