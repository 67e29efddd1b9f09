package io.timesync.hil.sensor.api;

import java.util.Optional;

/**
 * A sensor API document lacks what the suite needs, or holds a value the suite cannot use. The message names
 * the JSON path; {@link #hint()} says how to fix the sensor when there is something specific to say.
 */
public class ApiContentException extends IllegalArgumentException {
    private final String hint;

    public ApiContentException(String problem) {
        this(problem, null);
    }

    public ApiContentException(String problem, String hint) {
        super(problem);
        this.hint = hint;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
