package io.timesync.hil.junit;

import io.timesync.hil.bench.BenchSession;
import io.timesync.hil.bench.Benches;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.report.Evidence;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens the selected bench once per run (root store, closed at the end) and hands its fixtures to requirement
 * tests, best through the test class's constructor, so parameterized tests carry only their real arguments
 * into the report: any fixture the bench registers (see {@link BenchSession}), plus the test's {@link Evidence}.
 * A bench that cannot be opened (bad configuration) is reported once on the console and makes every requirement
 * broken with exactly that error, thrown before each test.
 */
public final class HilBenchExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HilBenchExtension.class);
    private static final String AFTER_INTERRUPT = "report of what was done: ./mvnw allure:report@allure-single-file";

    /** The run's bench; throws the configuration error when the bench file or an override is bad. */
    public static BenchSession session(ExtensionContext context) {
        return openedBench(context).sessionOrThrow();
    }

    private static OpenedBench openedBench(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(OpenedBench.class, key -> OpenedBench.open(context), OpenedBench.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        session(context).testStarted(context.getRequiredTestClass().getSimpleName(),
                context.getRequiredTestMethod().getName() + " " + context.getDisplayName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        openedBench(context).session().ifPresent(BenchSession::testFinished);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Evidence.class || openedBench(context).session().map(s -> s.provides(type))
                // a bench that cannot be opened still resolves its fixtures (as null): beforeEach throws its error
                .orElse(!type.getName().startsWith("java."));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<BenchSession> opened = openedBench(context).session();
        if (opened.isEmpty()) {
            return null; // beforeEach throws the bench's error before the test can use this
        }
        Class<?> type = parameter.getParameter().getType();
        return type == Evidence.class ? new Evidence(System.out, opened.get().evidence()) : opened.get().fixture(type);
    }

    /** The outcome of opening the bench, kept so a configuration error is reported once and rethrown after. */
    private record OpenedBench(Optional<BenchSession> session, RuntimeException failure) implements AutoCloseable {

        static OpenedBench open(ExtensionContext context) {
            try {
                BenchConfigLoader.Properties properties = properties(context);
                BenchSession session = BenchSession.open(Benches.load(properties),
                        properties.get(BenchConfigLoader.EVIDENCE_DIR_PROPERTY).map(Path::of)
                                .orElse(BenchSession.EVIDENCE_DIRECTORY), System.out, AFTER_INTERRUPT);
                return new OpenedBench(Optional.of(session), null);
            } catch (RuntimeException e) {
                System.err.println("\n*** " + e.getMessage() + "\n");
                return new OpenedBench(Optional.empty(), e);
            }
        }

        BenchSession sessionOrThrow() {
            return session.orElseThrow(() -> failure);
        }

        @Override
        public void close() {
            session.ifPresent(BenchSession::close);
        }
    }

    private static BenchConfigLoader.Properties properties(ExtensionContext context) {
        return new BenchConfigLoader.Properties() {
            @Override
            public Optional<String> get(String name) {
                return context.getConfigurationParameter(name);
            }

            @Override
            public Set<String> hilPropertyNames() {
                return System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("hil."))
                        .collect(Collectors.toSet());
            }
        };
    }
}
