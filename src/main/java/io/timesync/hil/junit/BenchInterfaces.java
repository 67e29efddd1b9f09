package io.timesync.hil.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.stream.Stream;

/** One argument per bench interface. */
public final class BenchInterfaces implements ArgumentsProvider {
    /** Stands in for the interfaces when the bench cannot be opened, so the test still runs and shows why. */
    static final String UNKNOWN = "(bench not configured)";

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        try {
            return HilBenchExtension.session(context).config().interfaces().stream().map(Arguments::of);
        } catch (RuntimeException benchNotOpened) {
            return Stream.of(Arguments.of(UNKNOWN));
        }
    }
}
