package io.timesync.hil.camera.ic4;

import io.timesync.hil.BenchPartUnreachableException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The IC4 backend bound to The Imaging Source's real libic4core.so, as the vendor's PyPI wheel
 * imagingcontrol4 ships it (.ci/run installs it and sets HIL_IC4_LIBRARY). No camera is attached, so IC4
 * enumerates none and refuses to open one with its own DEVICE_NOT_FOUND.
 */
class Ic4ConformanceTest {
    static final String LIBRARY_VARIABLE = "HIL_IC4_LIBRARY";

    @Test
    void everyBoundFunctionIsExportedByTheVendorLibrary() {
        assertThat(Ic4CameraBackend.missingFunctions(vendorLibrary())).isEmpty();
    }

    @Test
    void initializesEnumeratesAndRefusesAnAbsentCameraWithIc4sOwnError() {
        try (Ic4CameraBackend ic4 = Ic4CameraBackend.load(vendorLibrary())) {
            assertThat(ic4.devices()).isEmpty();

            assertThatThrownBy(() -> ic4.open("05520125"))
                    .isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageStartingWith("Bench part unreachable: camera 05520125 (IC4): not found (DEVICE_NOT_FOUND: ")
                    .hasMessageContaining("ic4_grabber_device_open_by_identifier: Device identified by '05520125' not found")
                    .hasMessageContaining("cameras found: none")
                    .hasMessageContaining("Hint: check the camera's power");
        }
    }

    @Test
    void aMissingLibraryIsUnreachableWithTheFix() {
        assertThatThrownBy(() -> Ic4CameraBackend.load("/nonexistent/libic4core.so"))
                .isInstanceOf(BenchPartUnreachableException.class)
                .hasMessageStartingWith("Bench part unreachable: IC4 library /nonexistent/libic4core.so: cannot be loaded")
                .hasMessageContaining("set cameras.ic4Library");
    }

    private static String vendorLibrary() {
        String library = System.getenv(LIBRARY_VARIABLE);
        if (library == null || library.isBlank()) {
            String reason = "no vendor libic4core.so: `pip install imagingcontrol4` and export " + LIBRARY_VARIABLE
                    + "=<site-packages>/imagingcontrol4/libic4core.so";
            if ("true".equals(System.getenv("CI"))) {
                fail(LIBRARY_VARIABLE + " is not set although CI=true: .ci/run must install imagingcontrol4 ("
                        + reason + ")");
            }
            System.out.println("skipped: " + reason);
            Assumptions.abort(reason);
        }
        return library;
    }
}
