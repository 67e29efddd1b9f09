package io.timesync.hil.camera.aravis;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * GenICam feature access on one ArvDevice, each Aravis error turned into the suite's exceptions naming the
 * camera and the feature. Not thread-safe (neither is the device): its camera serializes the calls.
 */
final class AravisFeatures {
    private final AravisLibrary aravis;
    private final AravisNative arv;
    private final Pointer device;
    private final String address;
    private final String part;

    AravisFeatures(AravisLibrary aravis, Pointer device, String address, String part) {
        this.aravis = aravis;
        this.arv = aravis.arv();
        this.device = device;
        this.address = address;
        this.part = part;
    }

    /** The same device, named differently in messages (once its identity is known). */
    AravisFeatures named(String newPart) {
        return new AravisFeatures(aravis, device, address, newPart);
    }

    String part() {
        return part;
    }

    FeatureState state(String feature) {
        if (arv.arv_device_get_feature(device, feature) == null) {
            return FeatureState.ABSENT;
        }
        if (call("arv_device_is_feature_implemented(" + feature + ")",
                error -> arv.arv_device_is_feature_implemented(device, feature, error), feature) == 0) {
            return FeatureState.NOT_IMPLEMENTED;
        }
        return call("arv_device_is_feature_available(" + feature + ")",
                error -> arv.arv_device_is_feature_available(device, feature, error), feature) == 0
                ? FeatureState.NOT_AVAILABLE : FeatureState.AVAILABLE;
    }

    /** "feature: why" for each of the features the camera does not implement (absent or pIsImplemented false). */
    List<String> notImplemented(String... features) {
        List<String> lacking = new ArrayList<>();
        for (String feature : features) {
            FeatureState state = state(feature);
            if (state == FeatureState.ABSENT || state == FeatureState.NOT_IMPLEMENTED) {
                lacking.add(feature + ": " + state.description());
            }
        }
        return lacking;
    }

    /**
     * Refuses a feature that is described but not implemented or not available, which Aravis would read or
     * write all the same. An absent one is left to Aravis, whose FEATURE_NOT_FOUND error names it.
     */
    void requireUsable(String feature) {
        FeatureState state = state(feature);
        if (state == FeatureState.NOT_IMPLEMENTED || state == FeatureState.NOT_AVAILABLE) {
            throw new BenchPartMisbehavingException(part, "GenICam feature " + feature + " is " + state.description(),
                    "see arv-tool-0.8 -a " + address + " description " + feature);
        }
    }

    void execute(String feature) {
        call("arv_device_execute_command(" + feature + ")", error -> {
            arv.arv_device_execute_command(device, feature, error);
            return null;
        }, feature);
    }

    long integer(String feature) {
        return call("arv_device_get_integer_feature_value(" + feature + ")",
                error -> arv.arv_device_get_integer_feature_value(device, feature, error), feature);
    }

    /** Also an enumeration's symbolic value. JNA copies the string on return, before Aravis can reuse its buffer. */
    String string(String feature) {
        String value = call("arv_device_get_string_feature_value(" + feature + ")",
                error -> arv.arv_device_get_string_feature_value(device, feature, error), feature);
        if (value == null) {
            // Aravis only logs a warning when an enumeration holds a value none of its entries has
            if (isEnumeration(feature)) {
                throw new BenchPartMisbehavingException(part, feature + " holds " + integer(feature) + ", which is "
                        + "none of its entries", "the camera's firmware and its GenICam description disagree: see "
                        + "arv-tool-0.8 -a " + address + " description " + feature + "; update the firmware");
            }
            throw new BenchPartMisbehavingException(part, feature + " has no value (Aravis returned NULL without an "
                    + "error)", "see arv-tool-0.8 -a " + address + " control " + feature);
        }
        return value;
    }

    String enumeration(String feature) {
        Pointer node = arv.arv_device_get_feature(device, feature);
        if (node != null && !isEnumeration(feature)) {
            throw new BenchPartMisbehavingException(part, feature + " is not an enumeration on this camera but an "
                    + aravis.typeName(node), "see arv-tool-0.8 -a " + address + " description " + feature);
        }
        return string(feature);
    }

    private boolean isEnumeration(String feature) {
        Pointer node = arv.arv_device_get_feature(device, feature);
        return node != null && aravis.isInstanceOf(node, arv.arv_gc_enumeration_get_type());
    }

    boolean bool(String feature) {
        return call("arv_device_get_boolean_feature_value(" + feature + ")",
                error -> arv.arv_device_get_boolean_feature_value(device, feature, error), feature) != 0;
    }

    /** A call on the camera object (not a feature), e.g. arv_camera_get_model_name; {@code feature} names what it reads. */
    <T> T call(String function, Function<PointerByReference, T> call, String feature) {
        return aravis.call(function, call, error -> featureError(error, feature));
    }

    private RuntimeException featureError(AravisError error, String feature) {
        if (error.isUnreachable()) {
            return new BenchPartUnreachableException(part, error.toString(), "the camera stopped answering: check its "
                    + "power and link, and that no firewall drops GigE Vision control traffic (GVCP, UDP 3956)");
        }
        if (error.isMissingFeature()) {
            return new AravisException(part, error, "the camera lacks the GenICam feature " + feature
                    + ": arv-tool-0.8 -a " + address + " features lists what it offers");
        }
        if (error.isDeviceError(AravisError.WRONG_FEATURE)) {
            return new AravisException(part, error, feature + " has another type on this camera: see arv-tool-0.8 -a "
                    + address + " description " + feature);
        }
        if (error.isControlHeldElsewhere()) {
            return new AravisException(part, error, "another application holds control of the camera (a viewer, the "
                    + "vendor's tool, another run of the suite): close it");
        }
        return new AravisException(part, error, "see Aravis' message; compare with arv-tool-0.8 -a " + address
                + " control " + feature);
    }
}
