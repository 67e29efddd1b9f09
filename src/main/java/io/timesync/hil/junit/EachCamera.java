package io.timesync.hil.junit;

import io.timesync.hil.bench.BenchSession;

import java.util.List;

/** One argument per configured camera serial. */
public final class EachCamera extends BenchArguments {
    @Override
    List<?> items(BenchSession session) {
        return session.cameras().serials();
    }

    @Override
    Object placeholder() {
        return "(no camera)";
    }
}
