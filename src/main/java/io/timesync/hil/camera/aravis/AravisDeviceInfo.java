package io.timesync.hil.camera.aravis;

/**
 * A device Aravis discovered: its Aravis device id (what arv-tool-0.8 lists), the physical id (MAC address
 * for GigE Vision), IPv4 address, vendor, model, serial number and protocol (GigEVision, USB3Vision).
 */
public record AravisDeviceInfo(String id, String physicalId, String address, String vendor, String model,
                               String serial, String protocol) {

    /** How the bench engineer recognizes it in a message: {@code GV01 (Aravis Fake, 127.0.0.1)}. */
    public String describe() {
        return serial + " (" + vendor + " " + model + (address.isEmpty() ? "" : ", " + address) + ")";
    }
}
