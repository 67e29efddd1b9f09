package io.timesync.hil.config;

import java.util.Optional;

/** Which camera backend the bench uses, with what only that backend needs. */
public sealed interface CameraBackendChoice {
    /** A name for the report: ic4 (with its library), aravis, simulated. */
    String describe();

    /** The Imaging Source's IC4 SDK. @param library empty: the system's libic4core.so */
    record Ic4(Optional<String> library) implements CameraBackendChoice {
        @Override
        public String describe() {
            return "ic4" + library.map(path -> " (" + path + ")").orElse("");
        }
    }

    /** Any GigE Vision camera through Debian's libaravis-0.8. */
    record Aravis() implements CameraBackendChoice {
        @Override
        public String describe() {
            return "aravis";
        }
    }

    /** The in-process simulated cameras. */
    record Simulated() implements CameraBackendChoice {
        @Override
        public String describe() {
            return "simulated";
        }
    }
}
