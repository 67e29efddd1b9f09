package io.timesync.hil.camera;

import io.timesync.hil.time.HostClock;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A test camera whose device clock is the host clock; tests override its latch call to make it misbehave. */
class HostClockCamera implements Camera {
    private final String serial;
    private volatile long latchedNs;

    HostClockCamera(String serial) {
        this.serial = serial;
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public String model() {
        return "host clock";
    }

    @Override
    public Optional<String> deviceVersion() {
        return Optional.empty();
    }

    @Override
    public void latchTimestamp() {
        latchedNs = HostClock.SYSTEM.nowNs();
    }

    @Override
    public long latchedTimestampNs() {
        return latchedNs;
    }

    @Override
    public Optional<String> ptpStatus() {
        return Optional.empty();
    }

    @Override
    public CameraPtpDataSet ptpDataSet() {
        return new CameraPtpDataSet(serial, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), List.of(
                CameraPtpDataSet.LATCH, CameraPtpDataSet.STATUS), Optional.empty());
    }

    @Override
    public void close() {
    }
}
