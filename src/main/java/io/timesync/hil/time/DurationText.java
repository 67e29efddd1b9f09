package io.timesync.hil.time;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations of the bench files: {@code 100ms}, {@code 250us}, {@code 1.5s}, {@code 2min}; kept as ns. */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|min|h)?");
    private static final Map<String, Long> NS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "min", 60_000_000_000L, "h", 3_600_000_000_000L);

    private DurationText() {
    }

    /**
     * @param bareNumberIsNs whether a number without unit means nanoseconds (thresholds, like the
     *                       reference tool's --threshold-ns); otherwise only 0 may go without a unit
     * @throws IllegalArgumentException saying what was expected
     */
    public static long parseNs(String text, boolean bareNumberIsNs) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 250us, 100ms, 1.5s or 2min, got '"
                    + text + "'");
        }
        String unit = matcher.group(2);
        BigDecimal number = new BigDecimal(matcher.group(1));
        if (unit == null && !bareNumberIsNs && number.signum() != 0) {
            throw new IllegalArgumentException("'" + text + "' needs a unit (ns, us, ms, s, min, h), e.g. '"
                    + text.strip() + "s'");
        }
        BigDecimal ns = number.multiply(BigDecimal.valueOf(NS_PER_UNIT.get(unit == null ? "ns" : unit)));
        try {
            return ns.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of nanoseconds or is too large");
        }
    }

    /** An elapsed time to the millisecond, e.g. 1040123456 -> "1040ms". */
    public static String formatToMs(long ns) {
        return format(ns / 1_000_000 * 1_000_000);
    }

    /** Shortest exact rendering, e.g. 100000000 -> "100ms". */
    public static String format(long ns) {
        String[] units = {"h", "min", "s", "ms", "us"};
        for (String unit : units) {
            long per = NS_PER_UNIT.get(unit);
            if (ns != 0 && ns % per == 0) {
                return ns / per + unit;
            }
        }
        return ns + "ns";
    }

    /** Milliseconds with all six decimals, exact to the nanosecond: {@code 1.500000}, {@code -0.000250}. */
    public static String ms(long ns) {
        return BigDecimal.valueOf(ns, 6).toPlainString();
    }
}
