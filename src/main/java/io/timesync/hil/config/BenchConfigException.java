package io.timesync.hil.config;

/** A bench file or override that cannot be used; the message names the file (or property), line, key and what was expected. */
public class BenchConfigException extends RuntimeException {
    public static final String KIND = "Bench configuration error";

    public BenchConfigException(String where, String problem) {
        super(KIND + ": " + where + ": " + problem);
    }
}
