package io.timesync.hil.sensor.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ouster firmware version, read from an image name such as {@code ousteros-image-prod-aries-v2.5.2+20230714195410}
 * (what {@code /api/v1/system/firmware} and {@code sensor_info.image_rev} report) or a build name such as
 * {@code v3.0.1-rc.1}. Like the vendor SDK's {@code version_from_string}, only major.minor.patch count.
 *
 * @param text the version text as the sensor reported it
 */
public record FirmwareVersion(int major, int minor, int patch, String text) {
    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");
    private static final Pattern PREFIXED_VERSION = Pattern.compile("v(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");

    /** @throws IllegalArgumentException when the text holds no x.y.z version */
    public static FirmwareVersion parse(String text) {
        // prefer "v2.5.2": an image name's build stamp could also contain digits and dots
        Matcher matcher = PREFIXED_VERSION.matcher(text);
        if (!matcher.find()) {
            matcher = VERSION.matcher(text);
            if (!matcher.find()) {
                throw new IllegalArgumentException("no firmware version (x.y.z) in '" + text + "'");
            }
        }
        return new FirmwareVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), text);
    }

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** {@code 2.5.2} */
    public String number() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public String toString() {
        return number();
    }
}
