package io.timesync.hil.camera.aravis;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real peers these tests need: Debian's aravis-tools (arv-fake-gv-camera-0.8), aravis-tools-cli
 * (arv-tool-0.8), libaravis-0.8-0, and unshare/ip for a private network. A missing peer aborts a test with
 * the reason printed; with CI=true it fails instead, since CI installs every peer.
 */
final class AravisPeers {
    static final String FAKE_CAMERA = "arv-fake-gv-camera-0.8";
    static final String TOOL = "arv-tool-0.8";
    static final String INSTALL = "apt-get install aravis-tools aravis-tools-cli libaravis-0.8-0";

    private AravisPeers() {
    }

    static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " although CI=true: .ci/run must install it");
        }
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }

    static Optional<Path> onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static void requireAravisTools() {
        require(onPath(FAKE_CAMERA).isPresent(), "no " + FAKE_CAMERA + " on the PATH (" + INSTALL + ")");
        require(onPath(TOOL).isPresent(), "no " + TOOL + " on the PATH (" + INSTALL + ")");
    }

    static void requireLibrary() {
        boolean loadable;
        try {
            AravisCameraBackend.load().close();
            loadable = true;
        } catch (RuntimeException e) {
            loadable = false;
        }
        require(loadable, "Aravis' runtime " + AravisLibrary.ARAVIS + " cannot be loaded (" + INSTALL + ")");
    }
}
