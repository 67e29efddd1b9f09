package io.timesync.hil.sensor;

/** A datagram that does not fit the configured packet format. */
public class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
