package io.timesync.hil.checks;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.MeasurementInconclusiveException;

import java.util.Objects;
import java.util.Optional;

/**
 * What one check concluded from what was measured: the only place a verdict is stated. {@code required} and
 * {@code measured} are the report's one-line parameters; {@code message} says why it is not passed, in the
 * form the report's categories match ("expected: ... but was: ...", "Bench part unreachable: ...",
 * "Measurement inconclusive: ...").
 *
 * @param cause what ends a test that is not passed and not failed: the bench part's own error when the check is
 *              broken, the inconclusive measurement's
 */
public record Finding(Status status, String required, String measured, String message,
                      Optional<RuntimeException> cause) {

    public enum Status {
        /** what was measured proves the requirement */
        PASSED,
        /** what was measured proves the requirement is not met */
        FAILED,
        /** a bench part could not be asked, or misbehaved: nothing was judged */
        BROKEN,
        /** measured, but the measurement cannot decide either way */
        INCONCLUSIVE,
        /** the check does not apply to this bench (saying why) */
        SKIPPED
    }

    public Finding {
        Objects.requireNonNull(status);
        Objects.requireNonNull(required);
        Objects.requireNonNull(measured);
        Objects.requireNonNull(message);
        Objects.requireNonNull(cause);
    }

    public static Finding passed(String required, String measured) {
        return new Finding(Status.PASSED, required, measured, "", Optional.empty());
    }

    /** @param message what is wrong, ending in "expected: ... but was: ..." */
    public static Finding failed(String required, String measured, String message) {
        return new Finding(Status.FAILED, required, measured, message, Optional.empty());
    }

    /** A bench part could not be asked or misbehaved: its own exception carries the message and the hint. */
    public static Finding broken(String required, String measured, RuntimeException cause) {
        String message = cause instanceof BenchPartException ? cause.getMessage() : String.valueOf(cause);
        return new Finding(Status.BROKEN, required, measured, message, Optional.of(cause));
    }

    public static Finding inconclusive(String required, String measured, String what, String why) {
        MeasurementInconclusiveException cause = new MeasurementInconclusiveException(what, why);
        return new Finding(Status.INCONCLUSIVE, required, measured, cause.getMessage(), Optional.of(cause));
    }

    public static Finding skipped(String why) {
        return new Finding(Status.SKIPPED, "", "", why, Optional.empty());
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /**
     * The same finding, its message followed by what explains it (another part's own account of the cause);
     * a passed or skipped finding needs none.
     */
    public Finding explainedBy(Optional<String> explanation) {
        if (explanation.isEmpty() || status == Status.PASSED || status == Status.SKIPPED) {
            return this;
        }
        String explained = message + "\n" + explanation.get();
        return new Finding(status, required, measured, explained, cause.map(c -> new Explained(explained, c)));
    }

    /** A broken or inconclusive finding's cause, its message followed by the explanation. */
    public static final class Explained extends RuntimeException {
        Explained(String message, RuntimeException cause) {
            super(message, cause);
        }
    }
}
