package io.timesync.hil.selftest;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a requirement class through the JUnit Platform against a bench given by {@code hil.*} properties,
 * exactly as {@code ./mvnw verify -Dhil...} would, and records each test's outcome by method name; a
 * parameterized method that ran more than once is keyed {@code method[invocation display name]}, e.g.
 * {@code withinThresholdOfTheOtherCameras[camera 05520126]}.
 */
public record RequirementRun(Map<String, Outcome> outcomes) {

    /** As the report shows it: failed = requirement not met, broken = could not be judged. */
    public enum Status { PASSED, FAILED, BROKEN, SKIPPED }

    public record Outcome(Status status, String message) {
    }

    public static RequirementRun of(Class<?> requirement, Map<String, String> properties) {
        return of(List.of(requirement), properties);
    }

    /** Several requirement classes in one run, in their class order, as {@code ./mvnw verify} runs them. */
    public static RequirementRun of(List<Class<?>> requirements, Map<String, String> properties) {
        Map<String, String> parameters = new LinkedHashMap<>(properties);
        parameters.putIfAbsent("junit.jupiter.testclass.order.default",
                "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
        parameters.putIfAbsent("hil.bench", "sim");
        // not the suite's own target/hil-evidence: a self-test run must not replace a real run's evidence
        parameters.putIfAbsent("hil.evidenceDir", "target/selftest-evidence");
        List<Event> finished = EngineTestKit.engine("junit-jupiter")
                .selectors(requirements.stream().map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new))
                .configurationParameters(parameters)
                .execute()
                .testEvents()
                .stream()
                .filter(event -> event.getType() == EventType.FINISHED || event.getType() == EventType.SKIPPED)
                .toList();
        Map<String, Long> runsPerMethod = finished.stream()
                .collect(Collectors.groupingBy(RequirementRun::methodName, Collectors.counting()));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Event event : finished) {
            String method = methodName(event);
            String key = runsPerMethod.get(method) > 1
                    ? method + "[" + event.getTestDescriptor().getDisplayName() + "]" : method;
            if (outcomes.put(key, outcome(event)) != null) {
                throw new IllegalStateException(key + " ran twice");
            }
        }
        return new RequirementRun(Map.copyOf(outcomes));
    }

    public Map<String, Status> statuses() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        outcomes.forEach((name, outcome) -> statuses.put(name, outcome.status()));
        return statuses;
    }

    public String message(String methodName) {
        return Optional.ofNullable(outcomes.get(methodName)).map(Outcome::message)
                .orElseThrow(() -> new IllegalArgumentException("no test " + methodName + " in " + outcomes.keySet()));
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance).map(source -> ((MethodSource) source).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static Outcome outcome(Event event) {
        if (event.getType() == EventType.SKIPPED) {
            return new Outcome(Status.SKIPPED, event.getPayload(String.class).orElse(""));
        }
        TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
        Optional<Throwable> throwable = result.getThrowable();
        String message = throwable.map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("");
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return new Outcome(Status.PASSED, message);
        }
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            return new Outcome(Status.SKIPPED, message);
        }
        return new Outcome(throwable.filter(AssertionError.class::isInstance).isPresent() ? Status.FAILED
                : Status.BROKEN, message);
    }
}
