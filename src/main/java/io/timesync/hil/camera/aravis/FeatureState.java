package io.timesync.hil.camera.aravis;

/** Whether a camera can be asked for a GenICam feature now. */
public enum FeatureState {
    /** Not in the camera's GenICam description. */
    ABSENT("not in the camera's GenICam description"),
    /** Described, but its pIsImplemented is false on this camera. */
    NOT_IMPLEMENTED("described but not implemented on this camera"),
    /** Implemented, but its pIsAvailable is false in the camera's current state. */
    NOT_AVAILABLE("implemented but not available in the camera's current state"),
    AVAILABLE("available");

    private final String description;

    FeatureState(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
