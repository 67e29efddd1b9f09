package io.timesync.hil.junit;

import java.util.List;

/** One argument per bench interface. */
public final class BenchInterfaces extends BenchArguments {
    public BenchInterfaces() {
        super("(bench not configured)");
    }

    @Override
    List<String> names(BenchSession session) {
        return session.config().interfaces();
    }
}
