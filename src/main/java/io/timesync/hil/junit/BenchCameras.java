package io.timesync.hil.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.List;
import java.util.stream.Stream;

/** One argument per configured camera serial. */
public final class BenchCameras implements ArgumentsProvider {
    /** Stands in when the bench has no cameras or cannot be opened, so the test still reports why. */
    public static final String NONE = "(no camera)";

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        List<String> serials;
        try {
            serials = HilBenchExtension.session(context).cameras().serials();
        } catch (RuntimeException benchNotOpened) {
            serials = List.of();
        }
        return (serials.isEmpty() ? List.of(NONE) : serials).stream().map(Arguments::of);
    }
}
