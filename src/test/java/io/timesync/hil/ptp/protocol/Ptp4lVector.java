package io.timesync.hil.ptp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A request and ptp4l's responses, captured from linuxptp 3.1.1 (src/test/resources/ptp4l-vectors; the
 * byte layout is in LAYOUT.md there).
 */
public record Ptp4lVector(String name, String description, byte[] request, List<byte[]> responses) {
    public static final List<String> NAMES = List.of(
            "gm_current_data_set", "gm_default_data_set", "gm_parent_data_set", "gm_port_data_set",
            "gm_port_properties_np", "gm_time_properties_data_set", "gm_time_status_np",
            "slave_current_data_set", "slave_default_data_set", "slave_drop_bad_body_length",
            "slave_drop_wrong_domain", "slave_error_no_such_id", "slave_error_not_supported",
            "slave_error_wrong_length", "slave_error_wrong_value", "slave_null_management",
            "slave_parent_data_set", "slave_port_data_set", "slave_port_properties_np",
            "slave_set_sync_uncertain_np", "slave_time_properties_data_set", "slave_time_status_np",
            "slave_time_status_np_pmcstyle");

    public static Stream<Ptp4lVector> all() {
        return NAMES.stream().map(Ptp4lVector::load);
    }

    public static Ptp4lVector load(String name) {
        String resource = "/ptp4l-vectors/" + name + ".txt";
        try (InputStream in = Ptp4lVector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + resource);
            }
            String description = "";
            byte[] request = null;
            List<byte[]> responses = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("# request: ")) {
                    description = line.substring("# request: ".length());
                } else if (line.startsWith("request: ")) {
                    request = HexFormat.of().parseHex(line.substring("request: ".length()).strip());
                } else if (line.startsWith("response: ")) {
                    responses.add(HexFormat.of().parseHex(line.substring("response: ".length()).strip()));
                }
            }
            return new Ptp4lVector(name, description, request, List.copyOf(responses));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] response() {
        if (responses.size() != 1) {
            throw new IllegalStateException(name + " has " + responses.size() + " responses");
        }
        return responses.get(0);
    }

    public ManagementMessage decodedResponse() {
        return ManagementCodec.decode(response(), response().length, name);
    }

    public <T extends ManagementData> T data(ManagementId<T> id) {
        return ((ManagementTlv) decodedResponse().payload()).decode(id, name);
    }

    @Override
    public String toString() {
        return name;
    }
}
