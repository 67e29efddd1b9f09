package io.timesync.hil.camera.ic4;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraPtpDataSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One camera opened through IC4: a grabber with its device property map. */
final class Ic4Camera implements Camera {
    static final String TIMESTAMP_LATCH = "TimestampLatch";
    static final String TIMESTAMP_LATCH_VALUE = "TimestampLatchValue";
    static final String PTP_STATUS = "PtpStatus";

    private final Ic4CameraBackend backend;
    private final Ic4Native ic4;
    private final Pointer grabber;
    private final Pointer propertyMap;
    private final Ic4CameraBackend.DeviceInfo device;
    private boolean closed;

    Ic4Camera(Ic4CameraBackend backend, Pointer grabber, Pointer propertyMap, Ic4CameraBackend.DeviceInfo device) {
        this.backend = backend;
        this.ic4 = backend.ic4();
        this.grabber = grabber;
        this.propertyMap = propertyMap;
        this.device = device;
    }

    @Override
    public String serial() {
        return device.serial();
    }

    @Override
    public String model() {
        return device.model();
    }

    @Override
    public Optional<String> deviceVersion() {
        return Optional.of(device.version()).filter(version -> !version.isBlank());
    }

    @Override
    public void latchTimestamp() {
        if (ic4.ic4_propmap_execute_command(propertyMap, TIMESTAMP_LATCH) == 0) {
            throw featureError(backend.lastError("ic4_propmap_execute_command(" + TIMESTAMP_LATCH + ")"),
                    TIMESTAMP_LATCH);
        }
    }

    /** Read as int64: read as a double (as the reference script did) 1.7e18 ns quantizes to 256 ns steps. */
    @Override
    public long latchedTimestampNs() {
        LongByReference value = new LongByReference();
        if (ic4.ic4_propmap_get_value_int64(propertyMap, TIMESTAMP_LATCH_VALUE, value) == 0) {
            throw featureError(backend.lastError("ic4_propmap_get_value_int64(" + TIMESTAMP_LATCH_VALUE + ")"),
                    TIMESTAMP_LATCH_VALUE);
        }
        return value.getValue();
    }

    @Override
    public Optional<String> ptpStatus() {
        return optionalString(PTP_STATUS);
    }

    @Override
    public CameraPtpDataSet ptpDataSet() {
        List<String> missing = new ArrayList<>();
        if (ic4.ic4_propmap_execute_command(propertyMap, CameraPtpDataSet.LATCH) == 0) {
            Ic4Error error = backend.lastError("ic4_propmap_execute_command(" + CameraPtpDataSet.LATCH + ")");
            if (!error.isMissingFeature()) {
                throw featureError(error, CameraPtpDataSet.LATCH);
            }
            missing.add(CameraPtpDataSet.LATCH); // a camera without the latch shows its data set live
        }
        return new CameraPtpDataSet(serial(), string(CameraPtpDataSet.STATUS, missing),
                string(CameraPtpDataSet.SERVO_STATUS, missing), int64(CameraPtpDataSet.GRANDMASTER_CLOCK_ID, missing),
                int64(CameraPtpDataSet.PARENT_CLOCK_ID, missing), int64(CameraPtpDataSet.CLOCK_ID, missing),
                int64(CameraPtpDataSet.OFFSET_FROM_MASTER, missing), string(CameraPtpDataSet.CLOCK_ACCURACY, missing),
                missing, Optional.empty());
    }

    private Optional<String> string(String feature, List<String> missing) {
        Optional<String> value = optionalString(feature);
        if (value.isEmpty()) {
            missing.add(feature);
        }
        return value;
    }

    private OptionalLong int64(String feature, List<String> missing) {
        OptionalLong value = optionalInt64(feature);
        if (value.isEmpty()) {
            missing.add(feature);
        }
        return value;
    }

    /** A string (or enumeration entry) feature; empty when the camera does not offer it. */
    private Optional<String> optionalString(String feature) {
        LongByReference size = new LongByReference(0);
        String function = "ic4_propmap_get_value_string(" + feature + ")";
        if (ic4.ic4_propmap_get_value_string(propertyMap, feature, null, size) == 0) {
            Ic4Error error = backend.lastError(function);
            if (error.isMissingFeature()) {
                return Optional.empty();
            }
            throw featureError(error, feature);
        }
        Memory buffer = new Memory(Math.max(1, size.getValue()));
        if (ic4.ic4_propmap_get_value_string(propertyMap, feature, buffer, size) == 0) {
            throw featureError(backend.lastError(function), feature);
        }
        return Optional.of(buffer.getString(0, StandardCharsets.UTF_8.name()));
    }

    /** An integer feature; empty when the camera does not offer it. */
    private OptionalLong optionalInt64(String feature) {
        LongByReference value = new LongByReference();
        if (ic4.ic4_propmap_get_value_int64(propertyMap, feature, value) == 0) {
            Ic4Error error = backend.lastError("ic4_propmap_get_value_int64(" + feature + ")");
            if (error.isMissingFeature()) {
                return OptionalLong.empty();
            }
            throw featureError(error, feature);
        }
        return OptionalLong.of(value.getValue());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ic4.ic4_propmap_unref(propertyMap);
        ic4.ic4_grabber_device_close(grabber);
        ic4.ic4_grabber_unref(grabber);
    }

    private Ic4Exception featureError(Ic4Error error, String feature) {
        String part = "camera " + serial() + " (" + model() + ")";
        if (error.isMissingFeature()) {
            return new Ic4Exception(part, error, "the camera lacks the GenICam feature " + feature
                    + ": it cannot latch its clock; a firmware update or a PTP-capable model is needed");
        }
        return new Ic4Exception(part, error, "check the camera's link and that no other program holds it");
    }
}
