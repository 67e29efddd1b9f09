package io.timesync.hil.ptp.protocol;

/** Bytes that are not a well-formed PTP management message; the message names the field and byte offset. */
public class PtpProtocolException extends RuntimeException {
    public PtpProtocolException(String message) {
        super(message);
    }
}
