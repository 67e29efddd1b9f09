package io.timesync.hil.camera.aravis;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Two fake cameras as Aravis ships them (127.0.0.91 and 127.0.0.92): discovery, opening by serial and by
 * address, identity, feature access of every type, missing features, and what closing releases. The shipped
 * fake has no timestamp latch and no PTP features. Runs only through {@link AravisConformanceTest}.
 */
class FakeCameraChecks {
    private static final String SERIAL_A = "HILARVA1";
    private static final String SERIAL_B = "HILARVB2";
    /** The fake's TestRegister, behind its TestBoolean (on 321, off 123). */
    private static final long TEST_REGISTER = 0x1f0;

    @TempDir
    static Path work;
    private static FakeGvCamera cameraA;
    private static FakeGvCamera cameraB;

    @BeforeAll
    static void startFakeCameras() {
        IsolatedNetwork.requireIsolated();
        AravisPeers.requireAravisTools();
        cameraA = FakeGvCamera.start(IsolatedNetwork.CAMERA_A, SERIAL_A, work);
        cameraB = FakeGvCamera.start(IsolatedNetwork.CAMERA_B, SERIAL_B, work);
    }

    @AfterAll
    static void stopFakeCameras() {
        Stream.of(cameraA, cameraB).filter(java.util.Objects::nonNull).forEach(FakeGvCamera::close);
    }

    @Test
    void discoveryListsEachFakeCameraWithItsIdentityAsArvToolDoes() {
        String listing = ToolRun.run(List.of(AravisPeers.TOOL), java.time.Duration.ofSeconds(30), work).output();
        assertThat(listing).contains(cameraA.listing(), cameraB.listing());

        try (AravisCameraBackend aravis = AravisCameraBackend.load()) {
            List<AravisDeviceInfo> devices = aravis.devices();
            assertThat(devices).extracting(AravisDeviceInfo::id, AravisDeviceInfo::address, AravisDeviceInfo::vendor,
                    AravisDeviceInfo::model, AravisDeviceInfo::serial, AravisDeviceInfo::protocol).contains(
                    tuple(cameraA.deviceId(), IsolatedNetwork.CAMERA_A, "Aravis", "Fake", SERIAL_A, "GigEVision"),
                    tuple(cameraB.deviceId(), IsolatedNetwork.CAMERA_B, "Aravis", "Fake", SERIAL_B, "GigEVision"));
            assertThat(devices).allSatisfy(device -> assertThat(device.physicalId())
                    .as("GigE Vision's physical id is the MAC address").matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
        }
    }

    @Test
    void opensTheCameraWithTheSerialAmongSeveralAndReadsItsIdentity() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL_B)) {
            assertThat(camera.serial()).isEqualTo(SERIAL_B);
            assertThat(camera.vendor()).isEqualTo("Aravis");
            assertThat(camera.model()).isEqualTo("Fake");
            assertThat(camera.address()).isEqualTo(IsolatedNetwork.CAMERA_B);
            assertThat(camera.readString("DeviceID")).isEqualTo(SERIAL_B);
            // the fake's DeviceVersion is Aravis' version; arv-tool-0.8 reads the same feature independently
            assertThat(camera.deviceVersion()).contains(cameraB.feature("DeviceVersion"));
            assertThat(camera.toString()).isEqualTo("camera HILARVB2 (Aravis Fake at 127.0.0.92)");
        }
    }

    @Test
    void opensTheCameraAtAnAddressWithoutDiscovery() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load();
             AravisCamera camera = aravis.openAddress(IsolatedNetwork.CAMERA_A)) {
            assertThat(camera.serial()).isEqualTo(SERIAL_A);
            assertThat(camera.address()).isEqualTo(IsolatedNetwork.CAMERA_A);
        }
    }

    @Test
    void aSerialThatIsNotThereIsUnreachableAndTheMessageNamesTheCamerasFound() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load()) {
            // numeric, like the bench's serials: passed to arv_camera_new it would be taken for an IPv4 address
            assertThatThrownBy(() -> aravis.open("05520125"))
                    .isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageStartingWith("Bench part unreachable: camera 05520125 (Aravis): not found; cameras found: [")
                    .hasMessageContaining("HILARVA1 (Aravis Fake, 127.0.0.91)")
                    .hasMessageContaining("HILARVB2 (Aravis Fake, 127.0.0.92)")
                    .hasMessageContaining("Hint: check the camera's power and network link")
                    .hasMessageContaining("GVCP, UDP port 3956");
        }
    }

    @Test
    void anAddressWhereNoCameraAnswersIsUnreachableWithAravisOwnError() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load()) {
            assertThatThrownBy(() -> aravis.openAddress(IsolatedNetwork.NOBODY))
                    .isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageStartingWith("Bench part unreachable: camera at 127.0.0.93 (Aravis): "
                            + "arv_camera_new(127.0.0.93) failed with ARV_DEVICE_ERROR_NOT_FOUND: "
                            + "Can't connect to device at address '127.0.0.93'")
                    .hasMessageContaining("cameras found: [")
                    .hasMessageContaining("HILARVA1 (Aravis Fake, 127.0.0.91)")
                    .hasMessageContaining("UDP port 3956");
        }
    }

    @Test
    void aCameraAnotherClientControlsIsRefusedWhenOpened() {
        try (AravisCameraBackend holder = AravisCameraBackend.load(); AravisCamera held = holder.open(SERIAL_A);
             AravisCameraBackend aravis = AravisCameraBackend.load()) {
            assertThat(held.serial()).isEqualTo(SERIAL_A);
            assertThatThrownBy(() -> aravis.open(SERIAL_A))
                    .isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageStartingWith("Bench part unreachable: camera HILARVA1 (Aravis Fake at 127.0.0.91): "
                            + "another application controls the camera")
                    .hasMessageContaining("Hint: close the application that holds it");
            held.close();
            try (AravisCamera camera = aravis.open(SERIAL_A)) {
                assertThat(camera.serial()).as("opened once the other client let go").isEqualTo(SERIAL_A);
            }
        }
    }

    @Test
    void theShippedFakeHasNoLatchAndNoPtpStatusAndSaysWhichFeaturesAreMissing() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL_A)) {
            assertThat(camera.latchMethod()).startsWith("none: ");
            assertThat(camera.ptpStatusMethod()).isEmpty();
            assertThat(camera.ptpStatus()).isEmpty();
            assertThat(camera.featureState("TimestampLatch")).isEqualTo(FeatureState.ABSENT);
            assertThat(camera.hasFeature("TimestampLatch")).isFalse();
            assertThatThrownBy(camera::latchTimestamp)
                    .isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageStartingWith("Bench part misbehaving: camera HILARVA1 (Aravis Fake at 127.0.0.91): "
                            + "cannot latch its clock: TimestampLatch: not in the camera's GenICam description; "
                            + "TimestampLatchValue: not in the camera's GenICam description; "
                            + "GevTimestampControlLatch: not in the camera's GenICam description; ")
                    .hasMessageContaining("GevTimestampTickFrequency: not in the camera's GenICam description")
                    .hasMessageContaining("Hint: the camera (model or firmware) has no timestamp latch");
            assertThatThrownBy(camera::latchedTimestampNs).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageContaining("cannot latch its clock");
        }
    }

    @Test
    void aMissingFeatureIsReportedByNameWithAravisOwnError() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL_A)) {
            assertThatThrownBy(() -> camera.execute("TimestampLatch"))
                    .isInstanceOfSatisfying(AravisException.class, e -> assertThat(e.error().isMissingFeature()).isTrue())
                    .hasMessageStartingWith("Bench part misbehaving: camera HILARVA1 (Aravis Fake at 127.0.0.91): "
                            + "arv_device_execute_command(TimestampLatch) failed with ARV_DEVICE_ERROR_FEATURE_NOT_FOUND: "
                            + "[TimestampLatch] Not found")
                    .hasMessageContaining("Hint: the camera lacks the GenICam feature TimestampLatch");
            assertThatThrownBy(() -> camera.readEnumeration("PtpStatus"))
                    .isInstanceOf(AravisException.class)
                    .hasMessageContaining("failed with ARV_DEVICE_ERROR_FEATURE_NOT_FOUND: [PtpStatus] Not found")
                    .hasMessageContaining("lacks the GenICam feature PtpStatus");
        }
    }

    @Test
    void readsFeaturesOfEveryTypeAsArvToolReadsThem() {
        cameraA.writeRegister(TEST_REGISTER, 321);
        String width = cameraA.feature("Width");
        String pixelFormat = cameraA.feature("PixelFormat");
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL_A)) {
            assertThat(camera.readInteger("Width")).isEqualTo(Long.parseLong(width));
            assertThat(camera.readString("DeviceVendorName")).isEqualTo("Aravis");
            assertThat(camera.readEnumeration("PixelFormat")).isEqualTo(pixelFormat);
            assertThat(camera.readBoolean("TestBoolean")).isTrue();
            assertThat(camera.hasFeature("Width")).isTrue();
            assertThat(camera.featureState("Width")).isEqualTo(FeatureState.AVAILABLE);
        }
        cameraA.writeRegister(TEST_REGISTER, 123);
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL_A)) {
            assertThat(camera.readBoolean("TestBoolean")).isFalse();
        }
    }

    @Test
    void aFeatureOfAnotherTypeIsRefusedWithItsType() {
        try (AravisCameraBackend aravis = AravisCameraBackend.load(); AravisCamera camera = aravis.open(SERIAL_A)) {
            assertThatThrownBy(() -> camera.readInteger("DeviceVendorName"))
                    .isInstanceOfSatisfying(AravisException.class,
                            e -> assertThat(e.error().isDeviceError(AravisError.WRONG_FEATURE)).isTrue())
                    .hasMessageContaining("failed with ARV_DEVICE_ERROR_WRONG_FEATURE: [DeviceVendorName:")
                    .hasMessageContaining("Hint: DeviceVendorName has another type on this camera");
            assertThatThrownBy(() -> camera.readEnumeration("Width"))
                    .isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageContaining("Width is not an enumeration on this camera but an ArvGcInteger");
            assertThatThrownBy(() -> camera.execute("Width"))
                    .isInstanceOf(AravisException.class)
                    .hasMessageContaining("ARV_DEVICE_ERROR_WRONG_FEATURE");
        }
    }

    @Test
    void closingReleasesTheCameraOnceAndAClosedCameraRefusesCalls() throws IOException {
        try (AravisCameraBackend aravis = AravisCameraBackend.load()) {
            aravis.devices(); // discovery's sockets come and go; USB3 Vision's hotplug socket stays from now on
            long socketsBefore = sockets();
            AravisCamera camera = aravis.open(SERIAL_A);
            assertThat(sockets()).as("the camera's GVCP socket").isEqualTo(socketsBefore + 1);

            camera.close();
            assertThat(sockets()).as("freed with the camera").isEqualTo(socketsBefore);
            camera.close();
            assertThat(sockets()).isEqualTo(socketsBefore);
            assertThatThrownBy(camera::latchTimestamp).isInstanceOf(IllegalStateException.class)
                    .hasMessage("camera HILARVA1 (Aravis Fake at 127.0.0.91) was used after close()");
            assertThatThrownBy(camera::ptpStatus).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> camera.readInteger("Width")).isInstanceOf(IllegalStateException.class);
            assertThat(camera.serial()).isEqualTo(SERIAL_A);
        }
        // the fake accepts writes only from its controller: this one is accepted, so the camera left control
        cameraA.writeRegister(TEST_REGISTER, 0x5a5a);
    }

    @Test
    void closingTheBackendClosesTheCamerasItOpened() throws IOException {
        long socketsBefore;
        AravisCamera cameraOfA;
        AravisCamera cameraOfB;
        try (AravisCameraBackend aravis = AravisCameraBackend.load()) {
            aravis.devices();
            socketsBefore = sockets();
            cameraOfA = aravis.open(SERIAL_A);
            cameraOfB = aravis.openAddress(IsolatedNetwork.CAMERA_B);
            assertThat(sockets()).isEqualTo(socketsBefore + 2);
        }
        assertThat(sockets()).isEqualTo(socketsBefore);
        assertThatThrownBy(cameraOfA::latchedTimestampNs).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cameraOfB.readString("DeviceID")).isInstanceOf(IllegalStateException.class);
        cameraA.writeRegister(TEST_REGISTER, 0xa5a5);
        cameraB.writeRegister(TEST_REGISTER, 0xa5a5);
    }

    @Test
    void callsFromSeveralThreadsOnOneCameraTakeTurns() throws Exception {
        long width = Long.parseLong(cameraA.feature("Width"));
        // every call on the device is counted while it runs in Aravis: never two at once
        AravisLibrary real = AravisLibrary.load();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AravisNative counted = (AravisNative) Proxy.newProxyInstance(AravisNative.class.getClassLoader(),
                new Class<?>[] {AravisNative.class}, (proxy, method, arguments) -> {
                    boolean onTheCamera = method.getName().startsWith("arv_device_")
                            || method.getName().startsWith("arv_camera_get_");
                    if (onTheCamera) {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    }
                    try {
                        return method.invoke(real.arv(), arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (onTheCamera) {
                            running.decrementAndGet();
                        }
                    }
                });
        try (AravisCameraBackend aravis = AravisCameraBackend.using(real.withAravis(counted));
             AravisCamera camera = aravis.open(SERIAL_A)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int task = 0; task < 4; task++) {
                    Callable<Boolean> reads = () -> {
                        for (int round = 0; round < 25; round++) {
                            if (camera.readInteger("Width") != width || !camera.readString("DeviceID").equals(SERIAL_A)
                                    || !camera.readEnumeration("PixelFormat").equals(camera.readString("PixelFormat"))
                                    || camera.ptpStatus().isPresent() || !camera.hasFeature("Width")) {
                                return false;
                            }
                        }
                        return true;
                    };
                    results.add(threads.submit(reads));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get(120, TimeUnit.SECONDS)).as("every read returned the camera's value").isTrue();
                }
            } finally {
                threads.shutdownNow();
                assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(mostAtOnce.get()).as("calls in Aravis at once on one camera").isEqualTo(1);
    }

    /**
     * Sockets this process holds. Each open GigE Vision camera holds one (GVCP), freed when Aravis frees the
     * device; its heartbeat thread cannot be counted by name: GLib's name for it, "arv_gv_heartbeat", is one
     * character too long for the kernel, so it keeps its creator's.
     */
    static long sockets() throws IOException {
        long count = 0;
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().startsWith("socket:")) {
                        count++;
                    }
                } catch (IOException closed) {
                    // closed while being listed (the listing's own descriptor)
                }
            }
        }
        return count;
    }
}
