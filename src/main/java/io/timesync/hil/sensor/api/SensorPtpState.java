package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PortState;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sensor's own view of PTP, from {@code /api/v1/time/ptp}: the sensor runs linuxptp and reports pmc's
 * datasets in snake_case ({@code port_data_set.port_state}, {@code parent_data_set.grandmaster_identity},
 * {@code current_data_set.offset_from_master}, {@code time_status_np.master_offset} / {@code gm_present}), clock
 * identities written as pmc writes them ({@code 78d004.fffe.384cf2}, port identities with {@code -<port>}).
 *
 * @param grandmasterIdentity  {@code parent_data_set.grandmaster_identity}: the sensor's own identity when it
 *                             follows no grandmaster
 * @param parentPortIdentity   {@code parent_data_set.parent_port_identity}
 * @param offsetFromMasterNs   {@code current_data_set.offset_from_master}
 * @param masterOffsetNs       {@code time_status_np.master_offset}
 * @param gmPresent            {@code time_status_np.gm_present}: may stay true after the grandmaster left; the
 *                             port state is the current word (Ouster's manual)
 * @param meanPathDelayNs      {@code current_data_set.mean_path_delay}, when reported
 * @param stepsRemoved         {@code current_data_set.steps_removed}, when reported
 * @param domainNumber         {@code default_data_set.domain_number}, when reported
 * @param profile              the sensor's PTP profile ({@code default}, {@code gptp}, ...), when reported
 */
public record SensorPtpState(PortState portState, ClockIdentity grandmasterIdentity, PortIdentity parentPortIdentity,
                             long offsetFromMasterNs, long masterOffsetNs, boolean gmPresent,
                             Optional<Long> meanPathDelayNs, Optional<Integer> stepsRemoved,
                             Optional<Integer> domainNumber, Optional<String> profile) {
    /** pmc's form; also 8 octets in hex separated by ':' or '-', as other PTP tools write them. */
    private static final Pattern PMC_IDENTITY = Pattern.compile("(\\p{XDigit}{6})\\.(\\p{XDigit}{4})\\.(\\p{XDigit}{6})");
    private static final Pattern OCTETS_IDENTITY = Pattern.compile("\\p{XDigit}{2}([:-]\\p{XDigit}{2}){7}");
    private static final Pattern PORT_IDENTITY = Pattern.compile("(.+)-(\\d{1,5})");

    /** Its port state and the grandmaster it follows, as awaited and shown: {@code SLAVE to 020000.fffe.000001}. */
    public String portAndGrandmaster() {
        return portState + " to " + grandmasterIdentity;
    }

    static SensorPtpState fromJson(JsonNode ptp) {
        JsonNode port = ApiJson.object(ptp, "$", "port_data_set");
        JsonNode parent = ApiJson.object(ptp, "$", "parent_data_set");
        JsonNode current = ApiJson.object(ptp, "$", "current_data_set");
        JsonNode status = ApiJson.object(ptp, "$", "time_status_np");
        Optional<JsonNode> defaults = ApiJson.optionalObject(ptp, "$", "default_data_set");
        return new SensorPtpState(
                portState(ApiJson.text(port, "$.port_data_set", "port_state")),
                clockIdentity(ApiJson.text(parent, "$.parent_data_set", "grandmaster_identity"),
                        "$.parent_data_set.grandmaster_identity"),
                portIdentity(ApiJson.text(parent, "$.parent_data_set", "parent_port_identity"),
                        "$.parent_data_set.parent_port_identity"),
                ApiJson.nanoseconds(current, "$.current_data_set", "offset_from_master"),
                ApiJson.nanoseconds(status, "$.time_status_np", "master_offset"),
                ApiJson.flag(status, "$.time_status_np", "gm_present"),
                ApiJson.optionalNanoseconds(current, "$.current_data_set", "mean_path_delay"),
                ApiJson.optionalInteger(current, "$.current_data_set", "steps_removed"),
                defaults.flatMap(d -> ApiJson.optionalInteger(d, "$.default_data_set", "domain_number")),
                ApiJson.optionalText(ptp, "$", "profile"));
    }

    /** As pmc prints them; linuxptp's internal GRAND_MASTER is MASTER on the wire (IEEE 1588 has no such state). */
    static PortState portState(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("GRAND_MASTER")) {
            return PortState.MASTER;
        }
        return Arrays.stream(PortState.values()).filter(state -> state.name().equals(upper)).findFirst()
                .orElseThrow(() -> new ApiContentException("$.port_data_set.port_state '" + name
                        + "' is not a PTP port state " + Arrays.toString(PortState.values())));
    }

    static ClockIdentity clockIdentity(String text, String path) {
        Matcher pmc = PMC_IDENTITY.matcher(text);
        String hex;
        if (pmc.matches()) {
            hex = pmc.group(1) + pmc.group(2) + pmc.group(3);
        } else if (OCTETS_IDENTITY.matcher(text).matches()) {
            hex = text.replaceAll("[:-]", "");
        } else {
            throw new ApiContentException(path + " '" + text + "' is not a clock identity (xxxxxx.xxxx.xxxxxx)");
        }
        return new ClockIdentity(Long.parseUnsignedLong(hex, 16));
    }

    static PortIdentity portIdentity(String text, String path) {
        Matcher matcher = PORT_IDENTITY.matcher(text);
        if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 0xFFFF) {
            throw new ApiContentException(path + " '" + text + "' is not a port identity (xxxxxx.xxxx.xxxxxx-N)");
        }
        return new PortIdentity(clockIdentity(matcher.group(1), path), Integer.parseInt(matcher.group(2)));
    }
}
