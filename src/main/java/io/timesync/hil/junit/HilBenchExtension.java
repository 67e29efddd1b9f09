package io.timesync.hil.junit;

import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.sensor.SensorBench;
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
 * Opens the selected bench once per run (root store, closed at the end) and hands its fixtures to
 * requirement tests: {@link BenchConfig}, {@link PtpManagementClient}, {@link CameraRig}, {@link SensorBench},
 * {@link Evidence}, best through the test class's constructor, so parameterized tests carry only their real arguments into the report.
 * A bench that cannot be opened (bad configuration) is reported once on the console and makes every
 * requirement broken with exactly that error, thrown before each test.
 */
public final class HilBenchExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HilBenchExtension.class);
    private static final Set<Class<?>> FIXTURES = Set.of(BenchConfig.class, PtpManagementClient.class,
            CameraRig.class, SensorBench.class, Evidence.class);

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
        return FIXTURES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Optional<BenchSession> opened = openedBench(context).session();
        if (opened.isEmpty()) {
            return null; // beforeEach throws the bench's error before the test can use this
        }
        BenchSession session = opened.get();
        if (type == Evidence.class) {
            return new Evidence(System.out, session.evidence());
        }
        if (type == BenchConfig.class) {
            return session.config();
        }
        if (type == CameraRig.class) {
            return session.cameras();
        }
        if (type == SensorBench.class) {
            return session.sensors();
        }
        return session.ptp4l();
    }

    /** The outcome of opening the bench, kept so a configuration error is reported once and rethrown after. */
    private record OpenedBench(Optional<BenchSession> session, RuntimeException failure) implements AutoCloseable {

        static OpenedBench open(ExtensionContext context) {
            try {
                BenchSession session = BenchSession.open(BenchConfigLoader.load(properties(context)),
                        context.getConfigurationParameter(BenchConfigLoader.EVIDENCE_DIR_PROPERTY).map(Path::of)
                                .orElse(BenchSession.EVIDENCE_DIRECTORY), System.out);
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
