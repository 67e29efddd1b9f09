package io.timesync.hil.sim.gige;

/** An entry of a GenICam SFNC enumeration: its SFNC name and the register value this device gives it. */
interface SfncEntry {
    String sfncName();

    int code();
}
