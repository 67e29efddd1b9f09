package io.timesync.hil.camera.aravis;

import com.sun.jna.Pointer;
import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraPtpDataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One camera opened through Aravis. What it is, how its clock is latched and where it reports its PTP state
 * are read once, when it is opened. Aravis objects must not be used from two threads at once, so every call
 * on the camera holds its lock: the latch worker and a thread reading features take turns (a call that waits
 * for the lock inside a latch bracket widens the bracket, i.e. the uncertainty; it does not falsify it).
 */
public final class AravisCamera implements Camera {
    static final String DEVICE_VERSION = "DeviceVersion";

    private final AravisLibrary aravis;
    private final Pointer camera;
    private final AravisFeatures features;
    private final String address;
    private final String vendor;
    private final String model;
    private final String serial;
    private final Optional<String> deviceVersion;
    private final LatchChoice latch;
    private final Optional<PtpStatusSource> ptpStatusSource;
    private final Object lock = new Object();
    private boolean closed;

    private AravisCamera(AravisLibrary aravis, Pointer camera, AravisFeatures features, String address, String vendor,
                         String model, String serial) {
        this.aravis = aravis;
        this.camera = camera;
        this.features = features;
        this.address = address;
        this.vendor = vendor;
        this.model = model;
        this.serial = serial;
        this.deviceVersion = features.state(DEVICE_VERSION) == FeatureState.AVAILABLE
                ? Optional.of(features.string(DEVICE_VERSION)).filter(version -> !version.isBlank()) : Optional.empty();
        this.latch = LatchChoice.of(features);
        this.ptpStatusSource = PtpStatusSource.of(features);
    }

    /**
     * Takes over the reference to a new ArvCamera: reads what the camera is and offers; releases the reference
     * when that fails.
     *
     * @param part how messages name the camera until its identity is known
     */
    static AravisCamera adopt(AravisLibrary aravis, Pointer camera, String address, String part) {
        try {
            AravisNative arv = aravis.arv();
            Pointer device = arv.arv_camera_get_device(camera);
            if (device == null) {
                throw new BenchPartMisbehavingException(part, "Aravis opened the camera without a device object",
                        "try the camera with arv-tool-0.8 -a " + address + " features");
            }
            AravisFeatures unnamed = new AravisFeatures(aravis, device, address, part);
            String vendor = Objects.toString(unnamed.call("arv_camera_get_vendor_name",
                    e -> arv.arv_camera_get_vendor_name(camera, e), "DeviceVendorName"), "");
            String model = Objects.toString(unnamed.call("arv_camera_get_model_name",
                    e -> arv.arv_camera_get_model_name(camera, e), "DeviceModelName"), "");
            String serial = Objects.toString(unnamed.call("arv_camera_get_device_serial_number",
                    e -> arv.arv_camera_get_device_serial_number(camera, e), "DeviceSerialNumber"), "");
            AravisFeatures named = unnamed.named("camera " + serial + " (" + vendor + " " + model + " at " + address + ")");
            if (arv.arv_camera_is_gv_device(camera) != 0 && arv.arv_gv_device_is_controller(device) == 0) {
                throw new BenchPartUnreachableException(named.part(), "another application controls the camera: "
                        + "Aravis could not take its GigE Vision control channel, so the camera would refuse the latch "
                        + "command", "close the application that holds it (a viewer, the vendor's tool, arv-tool, "
                        + "another run of the suite); one that crashed releases it after its heartbeat timeout");
            }
            return new AravisCamera(aravis, camera, named, address, vendor, model, serial);
        } catch (RuntimeException e) {
            aravis.unref(camera);
            throw e;
        }
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public String model() {
        return model;
    }

    public String vendor() {
        return vendor;
    }

    /** The IPv4 address the camera was opened at. */
    public String address() {
        return address;
    }

    /** SFNC DeviceVersion, when the camera has it. */
    @Override
    public Optional<String> deviceVersion() {
        return deviceVersion;
    }

    /**
     * How this camera is latched, for the report, e.g. "GevTimestampControlLatch/GevTimestampValue at
     * 1000000000 Hz" or "TimestampLatch/TimestampLatchValue (ns)"; or why it cannot be.
     */
    @Override
    public String latchMethod() {
        return latch.method().map(LatchMethod::toString).orElse("none: " + latch.whyNone());
    }

    /** Where {@link #ptpStatus()} comes from, e.g. "PtpDataSetLatch/PtpStatus"; empty when the camera has none. */
    public Optional<String> ptpStatusMethod() {
        return ptpStatusSource.map(PtpStatusSource::toString);
    }

    @Override
    public void latchTimestamp() {
        synchronized (lock) {
            ensureOpen();
            features.execute(latchMethodOrFail().latchFeature());
        }
    }

    /** Read as a 64-bit integer and converted exactly: reported as the camera holds it, frozen or not. */
    @Override
    public long latchedTimestampNs() {
        synchronized (lock) {
            ensureOpen();
            LatchMethod method = latchMethodOrFail();
            long value = features.integer(method.valueFeature());
            try {
                return method.toNs(value);
            } catch (ArithmeticException e) {
                throw new BenchPartMisbehavingException(features.part(), method.valueFeature() + " = " + value + " ("
                        + method + ") is beyond the range of 64-bit nanoseconds",
                        "check the camera's clock and its PTP state");
            }
        }
    }

    /** The PTP port state (Initializing, Faulty, Disabled, Listening, ..., Slave); empty when the camera has none. */
    @Override
    public Optional<String> ptpStatus() {
        synchronized (lock) {
            ensureOpen();
            if (ptpStatusSource.isEmpty()) {
                return Optional.empty();
            }
            PtpStatusSource source = ptpStatusSource.get();
            FeatureState state = features.state(source.statusFeature());
            if (state != FeatureState.AVAILABLE) {
                throw new BenchPartMisbehavingException(features.part(), source.statusFeature() + " is "
                        + state.description(), "enable PTP on the camera (PtpEnable, or GevIEEE1588 on older cameras)");
            }
            source.latchFeature().ifPresent(features::execute);
            return Optional.of(features.string(source.statusFeature()));
        }
    }

    /**
     * The SFNC PTP data set: PtpDataSetLatch when offered (else the features are read live), then each Ptp*
     * feature the camera offers now; the others are named as missing.
     */
    @Override
    public CameraPtpDataSet ptpDataSet() {
        synchronized (lock) {
            ensureOpen();
            List<String> missing = new ArrayList<>();
            if (features.state(CameraPtpDataSet.LATCH) == FeatureState.AVAILABLE) {
                features.execute(CameraPtpDataSet.LATCH);
            } else {
                missing.add(CameraPtpDataSet.LATCH);
            }
            return new CameraPtpDataSet(serial, text(CameraPtpDataSet.STATUS, missing),
                    text(CameraPtpDataSet.SERVO_STATUS, missing), int64(CameraPtpDataSet.GRANDMASTER_CLOCK_ID, missing),
                    int64(CameraPtpDataSet.PARENT_CLOCK_ID, missing), int64(CameraPtpDataSet.CLOCK_ID, missing),
                    int64(CameraPtpDataSet.OFFSET_FROM_MASTER, missing), text(CameraPtpDataSet.CLOCK_ACCURACY, missing),
                    missing, Optional.empty());
        }
    }

    private Optional<String> text(String feature, List<String> missing) {
        if (features.state(feature) != FeatureState.AVAILABLE) {
            missing.add(feature);
            return Optional.empty();
        }
        return Optional.of(features.string(feature));
    }

    private OptionalLong int64(String feature, List<String> missing) {
        if (features.state(feature) != FeatureState.AVAILABLE) {
            missing.add(feature);
            return OptionalLong.empty();
        }
        return OptionalLong.of(features.integer(feature));
    }

    /** Whether the camera offers the GenICam feature now: described, implemented and available. */
    public boolean hasFeature(String feature) {
        return featureState(feature) == FeatureState.AVAILABLE;
    }

    public FeatureState featureState(String feature) {
        synchronized (lock) {
            ensureOpen();
            return features.state(requireName(feature));
        }
    }

    /** Executes a GenICam command. */
    public void execute(String feature) {
        synchronized (lock) {
            usable(feature);
            features.execute(feature);
        }
    }

    public long readInteger(String feature) {
        synchronized (lock) {
            usable(feature);
            return features.integer(feature);
        }
    }

    public String readString(String feature) {
        synchronized (lock) {
            usable(feature);
            return features.string(feature);
        }
    }

    /** The symbolic value of an enumeration, e.g. "Slave" for PtpStatus. */
    public String readEnumeration(String feature) {
        synchronized (lock) {
            usable(feature);
            return features.enumeration(feature);
        }
    }

    public boolean readBoolean(String feature) {
        synchronized (lock) {
            usable(feature);
            return features.bool(feature);
        }
    }

    /** Releases the camera: Aravis leaves the control channel and joins its heartbeat thread. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            aravis.unref(camera); // the camera holds the only reference to its device
        }
    }

    @Override
    public String toString() {
        return features.part();
    }

    private LatchMethod latchMethodOrFail() {
        return latch.method().orElseThrow(() -> new BenchPartMisbehavingException(features.part(),
                "cannot latch its clock: " + latch.whyNone(), "the camera (model or firmware) has no timestamp latch: "
                + "update its firmware or use a PTP-capable model; arv-tool-0.8 -a " + address
                + " features lists what it offers"));
    }

    private void usable(String feature) {
        ensureOpen();
        features.requireUsable(requireName(feature));
    }

    /** A closed camera's pointer is freed: using it would crash the JVM, so this is checked first, every time. */
    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(features.part() + " was used after close()");
        }
    }

    private static String requireName(String feature) {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("a GenICam feature name is required, was '" + feature + "'");
        }
        return feature;
    }
}
