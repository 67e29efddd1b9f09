package io.timesync.hil.camera.aravis;

import io.timesync.hil.BenchPartUnreachableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binding against Debian's installed Aravis, GLib and GObject runtimes; nothing here touches the network. */
class AravisLibraryTest {

    @BeforeAll
    static void aravisIsInstalled() {
        AravisPeers.requireLibrary();
    }

    @Test
    void everyBoundFunctionIsExportedByTheInstalledLibraries() {
        assertThat(AravisCameraBackend.missingFunctions()).isEmpty();
    }

    @Test
    void theSelfCheckNamesEveryFunctionALibraryLacks() {
        assertThat(AravisLibrary.missingFunctions(AravisLibrary.GLIB, AravisNative.class))
                .hasSize(AravisNative.class.getDeclaredMethods().length)
                .contains("libglib-2.0.so.0: arv_camera_new", "libglib-2.0.so.0: arv_update_device_list");
    }

    @Test
    void theBindingsDeclareOnlyFunctionsOfTheirOwnLibrary() {
        assertThat(Arrays.stream(AravisNative.class.getDeclaredMethods()).map(m -> m.getName()))
                .allMatch(name -> name.startsWith("arv_"));
        assertThat(Arrays.stream(GLibNative.class.getDeclaredMethods()).map(m -> m.getName()))
                .allMatch(name -> name.startsWith("g_"));
        assertThat(Arrays.stream(GObjectNative.class.getDeclaredMethods()).map(m -> m.getName()))
                .allMatch(name -> name.startsWith("g_"));
    }

    @Test
    void aLibraryThatCannotBeLoadedIsUnreachableWithTheFix() {
        assertThatThrownBy(() -> AravisLibrary.bind("/nonexistent/libaravis-0.8.so.0", AravisNative.class))
                .isInstanceOf(BenchPartUnreachableException.class)
                .hasMessageStartingWith("Bench part unreachable: Aravis library /nonexistent/libaravis-0.8.so.0: "
                        + "cannot be loaded")
                .hasMessageContaining("Hint: install Debian's Aravis runtime: apt-get install libaravis-0.8-0");
    }

    @Test
    void anAddressMustBeAnIpv4LiteralSoThatNoHostNameIsLookedUp() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load()) {
            for (String notAnAddress : new String[] {"camera-1.local", "256.1.1.1", "10.0.0", "05520125", ""}) {
                assertThatThrownBy(() -> aravis.openAddress(notAnAddress)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not an IPv4 address");
            }
        }
    }

    @Test
    void aClosedBackendRefusesToOpenAndClosesOnlyOnce() {
        AravisCameraBackend aravis = AravisCameraBackend.load();
        aravis.close();
        aravis.close();
        assertThatThrownBy(() -> aravis.open("05520125")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Aravis camera backend was used after close()");
        assertThatThrownBy(aravis::devices).isInstanceOf(IllegalStateException.class);
    }
}
