package io.timesync.hil.cli;

import io.timesync.hil.config.BenchConfigLoader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The quick check's command line: the reference tool's options (same names, same units), mapped onto the
 * bench file's keys, plus the bench selection and any other key.
 *
 * @param overrides {@code hil.*} properties, as {@code -Dhil.<key>=} would give them to the suite
 */
public record QuickCheckOptions(Map<String, String> overrides, boolean cameras, boolean sensors,
                                Path evidenceDirectory, Optional<Path> verifyEvidence, boolean help) {

    public static final String USAGE = """
            usage: ./quick-check [options]
              Checks the bench without the whole suite: ptp4l is grandmaster, the cameras' latched clocks agree
              (per-sample lines and statistics), the sensors' packets arrive on time. Settings come from the
              bench file; the options override them.
              --bench <name|file>      bench file (default: sim, the simulated bench)
              --serials <a,b,...>      camera serials
              --iface <name>           bench interface (ptp4l's port there must be MASTER)
              --samples <n>            camera samples
              --interval-ms <n>        interval between camera samples, ms
              --threshold-ns <n>       |delta to median| threshold, ns
              --timeout-s <n>          overall timeout of the camera measurement, s
              --assume-realtime-ptp    also compare camera time with the host clock
              --no-cameras, --no-sensors   skip that part
              --set <key>=<value>      any bench file key, e.g. --set packetTiming.duration=10s
              --evidence <dir>         raw evidence (default: target/quick-check-evidence)
              --verify-evidence <dir>  only check an archived evidence folder against its manifest.csv
                                       (exit 0 complete and unaltered, 2 not, 1 no manifest)
            exit status: 0 all within threshold, 2 a camera or stream out of tolerance (or ptp4l not
            grandmaster, or lost it), 1 a bench error (a part unreachable, a bad bench file, an inconclusive
            measurement)""";

    private static final Path DEFAULT_EVIDENCE = Path.of("target", "quick-check-evidence");
    private static final Map<String, String> VALUE_OPTIONS = Map.of("--bench", BenchConfigLoader.BENCH_PROPERTY,
            "--serials", "hil.cameras.serials", "--iface", "hil.interface", "--samples", "hil.cameras.samples",
            "--interval-ms", "hil.cameras.interval", "--threshold-ns", "hil.cameras.threshold",
            "--timeout-s", "hil.timeout");
    /** The unit each numeric option carries into its key's duration. */
    private static final Map<String, String> UNITS = Map.of("--samples", "", "--interval-ms", "ms",
            "--threshold-ns", "ns", "--timeout-s", "s");
    private static final Set<String> FLAGS = Set.of("--assume-realtime-ptp", "--no-cameras", "--no-sensors",
            "--help", "-h");

    /** @throws IllegalArgumentException naming the option that is wrong */
    public static QuickCheckOptions parse(List<String> args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean cameras = true;
        boolean sensors = true;
        boolean help = false;
        Path evidence = DEFAULT_EVIDENCE;
        Optional<Path> verifyEvidence = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            Optional<String> inlineValue = option.equals(arg) ? Optional.empty()
                    : Optional.of(arg.substring(arg.indexOf('=') + 1));
            if (FLAGS.contains(option)) {
                if (inlineValue.isPresent()) {
                    throw new IllegalArgumentException(option + " takes no value");
                }
                switch (option) {
                    case "--assume-realtime-ptp" -> overrides.put("hil.cameras.compareToHostClock", "true");
                    case "--no-cameras" -> cameras = false;
                    case "--no-sensors" -> sensors = false;
                    default -> help = true;
                }
                continue;
            }
            if (!VALUE_OPTIONS.containsKey(option) && !option.equals("--set") && !option.equals("--evidence")
                    && !option.equals("--verify-evidence")) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (inlineValue.isEmpty() && i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = inlineValue.isPresent() ? inlineValue.get() : args.get(++i);
            if (option.equals("--evidence")) {
                evidence = Path.of(value);
            } else if (option.equals("--verify-evidence")) {
                verifyEvidence = Optional.of(Path.of(value));
            } else if (option.equals("--set")) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--set needs <key>=<value>, got '" + value + "'");
                }
                overrides.put("hil." + value.substring(0, equals).strip(), value.substring(equals + 1).strip());
            } else if (UNITS.containsKey(option)) {
                if (!value.matches("\\d{1,18}")) {
                    throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
                }
                overrides.put(VALUE_OPTIONS.get(option), value + UNITS.get(option));
            } else {
                overrides.put(VALUE_OPTIONS.get(option), value);
            }
        }
        return new QuickCheckOptions(Map.copyOf(overrides), cameras, sensors, evidence, verifyEvidence, help);
    }

    /** The overrides as the bench loader reads them. */
    public BenchConfigLoader.Properties properties() {
        return BenchConfigLoader.Properties.of(overrides);
    }
}
