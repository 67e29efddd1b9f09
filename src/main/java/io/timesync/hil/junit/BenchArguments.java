package io.timesync.hil.junit;

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
    private final String placeholder;

    BenchArguments(String placeholder) {
        this.placeholder = placeholder;
    }

    abstract List<String> names(BenchSession session);

    @Override
    public final Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
                                                              ExtensionContext context) {
        List<String> names;
        try {
            names = names(HilBenchExtension.session(context));
        } catch (RuntimeException benchNotOpened) {
            names = List.of();
        }
        return (names.isEmpty() ? List.of(placeholder) : names).stream().map(Arguments::of);
    }
}
