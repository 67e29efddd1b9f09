package io.timesync.hil;

/** A value whose form in reports (JSON attachments) is its {@code toString}, e.g. a clock identity. */
public interface ShownAsText {
}
