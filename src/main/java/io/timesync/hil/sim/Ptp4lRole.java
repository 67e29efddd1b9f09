package io.timesync.hil.sim;

/** What the simulated bench's ptp4l does: the healthy grandmaster, or one of the faults a bench can show. */
public enum Ptp4lRole {
    /** grandmaster: ports pass LISTENING, then MASTER */
    GRANDMASTER,
    /** follows a foreign grandmaster: stepsRemoved 1, port SLAVE */
    SLAVE,
    /** would be grandmaster but its port never leaves LISTENING */
    LISTENING,
    /** not running: no management socket */
    ABSENT,
    /** answers with random bytes */
    GARBAGE,
    /** reads requests, never answers */
    SILENT
}
