package io.timesync.hil.junit;

import java.util.List;

/** One argument per configured camera serial. */
public final class BenchCameras extends BenchArguments {
    public BenchCameras() {
        super("(no camera)");
    }

    @Override
    List<String> names(BenchSession session) {
        return session.cameras().serials();
    }
}
