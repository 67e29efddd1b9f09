package io.timesync.hil.sim;

import io.timesync.hil.time.DurationText;

import java.util.Locale;

/** The simulated ptp4l takes another role {@code afterNs} after it started, written {@code 2s:slave}. */
public record RoleChange(long afterNs, Ptp4lRole role) {

    /** @throws IllegalArgumentException naming the form expected */
    public static RoleChange parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected <duration>:<role>, e.g. 2s:slave, got '" + text + "'");
        }
        long afterNs = DurationText.parseNs(text.substring(0, colon).strip(), false);
        String role = text.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
        try {
            return new RoleChange(afterNs, Ptp4lRole.valueOf(role));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a role after ':' (grandmaster, slave, listening, absent, "
                    + "garbage or silent), got '" + text.substring(colon + 1).strip() + "'");
        }
    }

    @Override
    public String toString() {
        return DurationText.format(afterNs) + ":" + role.name().toLowerCase(Locale.ROOT);
    }
}
