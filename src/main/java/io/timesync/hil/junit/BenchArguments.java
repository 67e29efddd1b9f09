package io.timesync.hil.junit;

import io.timesync.hil.bench.BenchSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.List;
import java.util.stream.Stream;

/**
 * One argument per bench part of a kind (interface, camera, sensor stream). When the bench has none, or
 * cannot be opened, one placeholder stands in, so the test still runs and reports why (skipped, or broken
 * with the configuration error).
 */
abstract class BenchArguments implements ArgumentsProvider {
    abstract List<?> items(BenchSession session);

    abstract Object placeholder();

    @Override
    public final Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
                                                              ExtensionContext context) {
        List<?> items;
        try {
            items = items(HilBenchExtension.session(context));
        } catch (RuntimeException benchNotOpened) {
            items = List.of();
        }
        return (items.isEmpty() ? List.of(placeholder()) : items).stream().map(Arguments::of);
    }
}
