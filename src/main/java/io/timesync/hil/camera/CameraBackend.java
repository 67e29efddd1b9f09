package io.timesync.hil.camera;

/** Opens cameras by serial: the IC4 SDK on a real bench, simulated cameras on the simulated one. */
public interface CameraBackend extends AutoCloseable {

    /**
     * @throws io.timesync.hil.BenchPartUnreachableException naming the serials that were found, when the
     *                                                        serial is not among them
     */
    Camera open(String serial);

    @Override
    void close();
}
