package io.timesync.hil.junit;

import io.timesync.hil.checks.Finding;
import io.timesync.hil.report.Evidence;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a check's finding into the test's outcome, as the report shows it: passed; failed (an assertion error:
 * the requirement is not met); broken (the bench part's or the inconclusive measurement's exception); skipped.
 * The finding's required and measured values become the report entry's parameters first.
 */
public final class Verdicts {
    private Verdicts() {
    }

    public static void require(Evidence evidence, Finding finding) {
        if (!finding.required().isEmpty()) {
            evidence.parameter("required", finding.required());
        }
        if (!finding.measured().isEmpty()) {
            evidence.parameter("measured", finding.measured());
        }
        switch (finding.status()) {
            case PASSED -> {
            }
            case FAILED -> throw new AssertionFailedError(finding.message());
            case BROKEN, INCONCLUSIVE -> throw finding.cause().orElseThrow();
            case SKIPPED -> Assumptions.abort(finding.message());
        }
    }
}
