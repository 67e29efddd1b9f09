package io.timesync.hil.junit;

import io.timesync.hil.bench.BenchSession;

import java.util.List;

/** One argument per bench interface. */
public final class EachBenchInterface extends BenchArguments {
    @Override
    List<?> items(BenchSession session) {
        return session.config().interfaces();
    }

    @Override
    Object placeholder() {
        return "(bench not configured)";
    }
}
