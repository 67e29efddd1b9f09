package io.timesync.hil.real;

import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementData;
import io.timesync.hil.ptp.protocol.ManagementId;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.TimeInterval;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.ptp.protocol.TimeStatusNp;
import io.timesync.hil.real.RealPtp4lBench.Clock;
import io.timesync.hil.real.RealPtp4lBench.PmcRun;
import io.timesync.hil.real.RealPtp4lBench.Role;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our native client and linuxptp's own pmc read the same datasets from a real ptp4l grandmaster and slave and
 * must agree on every field pmc prints. Our client reads right before and right after pmc, so fields that
 * change on their own (the slave's measurements) are compared against the range of our two reads.
 * One instance for all cases, so each ptp4l is asked by one client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealPtp4lConformanceTest {
    private static final long REPLY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final List<ManagementId<?>> DATASETS = List.of(DefaultDataSet.ID, CurrentDataSet.ID,
            ParentDataSet.ID, TimePropertiesDataSet.ID, TimeStatusNp.ID, PortDataSet.ID, PortPropertiesNp.ID);

    /*
     * Fields a running slave re-measures by itself, with how far pmc's value may lie outside the range of our
     * two bracketing reads (in pmc's printed unit). Every other field pmc prints must match exactly.
     */
    private static final BigDecimal TIMESTAMP_NOISE_NS = new BigDecimal("100000");
    private static final Map<String, BigDecimal> VARYING_FIELD_TOLERANCES = Map.of(
            // Both ptp4l run free on the one CLOCK_REALTIME of this host, so the true offset is 0 and the true
            // delay is a veth hop: the values are software-timestamp noise, a few µs here (±3 µs offset,
            // 2.1-2.7 µs delay over 60 reads). 100 µs leaves room for a loaded CI machine, and is still
            // far below what a decoding error gives (a missing 2^16 scaling turns 2.5 µs into 164 ms).
            "offsetFromMaster", TIMESTAMP_NOISE_NS,
            "meanPathDelay", TIMESTAMP_NOISE_NS,
            "master_offset", TIMESTAMP_NOISE_NS,
            // The CLOCK_REALTIME of the last Sync's arrival only moves forward, and pmc read it between our
            // two reads: it must lie in their range, without tolerance.
            "ingress_time", BigDecimal.ZERO,
            // rateRatio - 1 as pmc prints it. With E2E ptp4l never estimates a neighbour rate ratio and this
            // stays 0; with P2P it is re-estimated per Pdelay exchange, and two clocks driven by one
            // oscillator differ in rate only by timestamp noise: 0.1 ppm covers that.
            "cumulativeScaledRateOffset", new BigDecimal("0.0000001"));

    private static final String[] TIMESTAMPING_NAMES = {"SOFTWARE", "HARDWARE", "LEGACY_HW", "ONESTEP", "P2P1STEP"};
    private static final BigDecimal SCALED_NS_PER_NS = BigDecimal.valueOf(1L << 16);
    private static final BigDecimal RATE_OFFSET_SCALE = BigDecimal.valueOf(1L << 41);

    private final Map<Role, PtpManagementClient> clients = new EnumMap<>(Role.class);

    @TempDir
    Path pmcDirectory;

    @AfterAll
    void closeClients() {
        clients.values().forEach(PtpManagementClient::close);
    }

    static Stream<Arguments> rolesAndDatasets() {
        return Stream.of(Role.values()).flatMap(role -> DATASETS.stream().map(id -> Arguments.of(role, id)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rolesAndDatasets")
    void pmcPrintsWhatOurClientDecodes(Role role, ManagementId<?> dataset) {
        RealPtp4lBench bench = RealPtp4lBench.require();
        Clock clock = bench.clock(role);
        PtpManagementClient client = clients.computeIfAbsent(role,
                opened -> PtpManagementClient.open(clock.socket(), bench.domain(), REPLY_TIMEOUT_NS));

        List<ManagementData> oursBefore = read(client, dataset);
        PmcRun pmc = bench.pmc(clock, pmcDirectory.resolve("pmc.sock"), "GET " + dataset.name());
        List<ManagementData> oursAfter = read(client, dataset);

        assertThat(pmc.exitCode()).as("exit code of %s; output:%n%s", pmc.command(), pmc.output()).isZero();
        List<PmcResponse> responses = PmcResponse.parseAll(pmc.output());
        assertThat(responses).as("pmc's responses to GET %s from the %s (one per answering port); output:%n%s",
                dataset.name(), clock, pmc.output()).hasSameSizeAs(oursBefore);

        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < responses.size(); i++) {
            compare(softly, clock, dataset, responses.get(i), pmcView(oursBefore.get(i)), pmcView(oursAfter.get(i)));
        }
        softly.assertAll();
    }

    private static List<ManagementData> read(PtpManagementClient client, ManagementId<?> dataset) {
        return dataset.scope() == ManagementId.Scope.CLOCK ? List.of(client.get(dataset))
                : List.copyOf(client.getFromEveryPort(dataset));
    }

    private static void compare(SoftAssertions softly, Clock clock, ManagementId<?> dataset, PmcResponse pmc,
                                Map<String, String> oursBefore, Map<String, String> oursAfter) {
        softly.assertThat(pmc.action() + " " + pmc.tlv() + " " + pmc.managementId())
                .as("what pmc received from the %s", clock).isEqualTo("RESPONSE MANAGEMENT " + dataset.name());
        softly.assertThat(pmc.sourcePortIdentity()).as("the port that answered pmc")
                .startsWith(clock.clockIdentity() + "-");
        if (dataset.scope() == ManagementId.Scope.PORT) {
            softly.assertThat(pmc.sourcePortIdentity()).as("the port that answered pmc")
                    .isEqualTo(oursBefore.get("portIdentity"));
        }
        softly.assertThat(pmc.fields().keySet()).as("the fields pmc prints for %s", dataset.name())
                .containsExactlyElementsOf(oursBefore.keySet());

        pmc.fields().forEach((field, pmcText) -> {
            String before = oursBefore.get(field);
            String after = oursAfter.get(field);
            if (before == null) {
                return; // reported by the field-name check above
            }
            BigDecimal tolerance = VARYING_FIELD_TOLERANCES.get(field);
            if (tolerance == null) {
                softly.assertThat(pmcText).as("%s %s.%s: pmc vs our client", clock, dataset.name(), field)
                        .isEqualTo(before);
            } else {
                BigDecimal pmcValue = new BigDecimal(pmcText);
                BigDecimal low = new BigDecimal(before).min(new BigDecimal(after)).subtract(tolerance);
                BigDecimal high = new BigDecimal(before).max(new BigDecimal(after)).add(tolerance);
                softly.assertThat(pmcValue).as("%s %s.%s: pmc's %s vs our reads before (%s) and after (%s) it, "
                                + "tolerance %s", clock, dataset.name(), field, pmcText, before, after,
                        tolerance.toPlainString())
                        .isBetween(low, high);
            }
        });
    }

    /** Our decoded dataset, formatted field by field as pmc 3.1.1 prints it (pmc.c, pmc_show). */
    private static Map<String, String> pmcView(ManagementData data) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (data instanceof DefaultDataSet d) {
            fields.put("twoStepFlag", flag(d.twoStepFlag()));
            fields.put("slaveOnly", flag(d.slaveOnly()));
            fields.put("numberPorts", String.valueOf(d.numberPorts()));
            fields.put("priority1", String.valueOf(d.priority1()));
            fields.put("clockClass", String.valueOf(d.clockQuality().clockClass()));
            fields.put("clockAccuracy", hex(d.clockQuality().clockAccuracy(), 2));
            fields.put("offsetScaledLogVariance", hex(d.clockQuality().offsetScaledLogVariance(), 4));
            fields.put("priority2", String.valueOf(d.priority2()));
            fields.put("clockIdentity", d.clockIdentity().toString());
            fields.put("domainNumber", String.valueOf(d.domainNumber()));
        } else if (data instanceof CurrentDataSet c) {
            fields.put("stepsRemoved", String.valueOf(c.stepsRemoved()));
            fields.put("offsetFromMaster", nsWithOneDecimal(c.offsetFromMaster()));
            fields.put("meanPathDelay", nsWithOneDecimal(c.meanPathDelay()));
        } else if (data instanceof ParentDataSet p) {
            fields.put("parentPortIdentity", p.parentPortIdentity().toString());
            fields.put("parentStats", flag(p.parentStats()));
            fields.put("observedParentOffsetScaledLogVariance", hex(p.observedParentOffsetScaledLogVariance(), 4));
            fields.put("observedParentClockPhaseChangeRate", hex(p.observedParentClockPhaseChangeRate(), 8));
            fields.put("grandmasterPriority1", String.valueOf(p.grandmasterPriority1()));
            fields.put("gm.ClockClass", String.valueOf(p.grandmasterClockQuality().clockClass()));
            fields.put("gm.ClockAccuracy", hex(p.grandmasterClockQuality().clockAccuracy(), 2));
            fields.put("gm.OffsetScaledLogVariance", hex(p.grandmasterClockQuality().offsetScaledLogVariance(), 4));
            fields.put("grandmasterPriority2", String.valueOf(p.grandmasterPriority2()));
            fields.put("grandmasterIdentity", p.grandmasterIdentity().toString());
        } else if (data instanceof TimePropertiesDataSet t) {
            // pmc 3.1.1 does not print synchronizationUncertain
            fields.put("currentUtcOffset", String.valueOf(t.currentUtcOffset()));
            fields.put("leap61", flag(t.leap61()));
            fields.put("leap59", flag(t.leap59()));
            fields.put("currentUtcOffsetValid", flag(t.currentUtcOffsetValid()));
            fields.put("ptpTimescale", flag(t.ptpTimescale()));
            fields.put("timeTraceable", flag(t.timeTraceable()));
            fields.put("frequencyTraceable", flag(t.frequencyTraceable()));
            fields.put("timeSource", hex(t.timeSource(), 2));
        } else if (data instanceof TimeStatusNp s) {
            fields.put("master_offset", String.valueOf(s.masterOffsetNs()));
            fields.put("ingress_time", String.valueOf(s.ingressTimeNs()));
            fields.put("cumulativeScaledRateOffset", rateOffset(s.cumulativeScaledRateOffset()));
            fields.put("scaledLastGmPhaseChange", String.valueOf(s.scaledLastGmPhaseChange()));
            fields.put("gmTimeBaseIndicator", String.valueOf(s.gmTimeBaseIndicator()));
            fields.put("lastGmPhaseChange", String.format("0x%04x'%016x.%04x", s.lastGmPhaseChangeNsMsb(),
                    s.lastGmPhaseChangeNsLsb(), s.lastGmPhaseChangeFractionalNs()));
            fields.put("gmPresent", String.valueOf(s.gmPresent()));
            fields.put("gmIdentity", s.gmIdentity().toString());
        } else if (data instanceof PortDataSet p) {
            fields.put("portIdentity", p.portIdentity().toString());
            fields.put("portState", p.portState().name());
            fields.put("logMinDelayReqInterval", String.valueOf(p.logMinDelayReqInterval()));
            // pmc prints the TimeInterval shifted right by 16: whole ns, rounded down
            fields.put("peerMeanPathDelay", String.valueOf(p.peerMeanPathDelay().ns()));
            fields.put("logAnnounceInterval", String.valueOf(p.logAnnounceInterval()));
            fields.put("announceReceiptTimeout", String.valueOf(p.announceReceiptTimeout()));
            fields.put("logSyncInterval", String.valueOf(p.logSyncInterval()));
            fields.put("delayMechanism", String.valueOf(p.delayMechanism()));
            fields.put("logMinPdelayReqInterval", String.valueOf(p.logMinPdelayReqInterval()));
            fields.put("versionNumber", String.valueOf(p.versionNumber()));
        } else if (data instanceof PortPropertiesNp p) {
            fields.put("portIdentity", p.portIdentity().toString());
            fields.put("portState", p.portState().name());
            fields.put("timestamping", p.timestamping() < TIMESTAMPING_NAMES.length
                    ? TIMESTAMPING_NAMES[p.timestamping()] : "(unknown " + p.timestamping() + ")");
            fields.put("interface", p.interfaceName());
        } else {
            throw new IllegalArgumentException("no pmc format for " + data.id().name());
        }
        return fields;
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    private static String hex(int value, int digits) {
        return String.format("0x%0" + digits + "x", value);
    }

    /** pmc: {@code %.1f} of scaledNs / 65536.0; the quotient is exact in decimal, glibc rounds half to even. */
    private static String nsWithOneDecimal(TimeInterval interval) {
        return new BigDecimal(interval.scaledNs()).divide(SCALED_NS_PER_NS).setScale(1, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** pmc: {@code %+.9f} of cumulativeScaledRateOffset / 2^41, i.e. rateRatio - 1. */
    private static String rateOffset(int cumulativeScaledRateOffset) {
        BigDecimal rounded = new BigDecimal(Math.abs((long) cumulativeScaledRateOffset)).divide(RATE_OFFSET_SCALE)
                .setScale(9, RoundingMode.HALF_EVEN);
        return (cumulativeScaledRateOffset < 0 ? "-" : "+") + rounded.toPlainString();
    }

    /** One message as pmc prints it: a header line, then one indented {@code key value} line per field. */
    record PmcResponse(String sourcePortIdentity, String action, String tlv, String managementId,
                       Map<String, String> fields) {
        private static final Pattern HEADER = Pattern.compile("\\t(\\S+) seq \\d+ (\\S+) (\\S+) (\\S+)\\s*");
        private static final Pattern FIELD = Pattern.compile("\\t\\t(\\S+)\\s+(.*?)\\s*");

        static List<PmcResponse> parseAll(String output) {
            List<PmcResponse> responses = new ArrayList<>();
            Map<String, String> fields = null;
            for (String line : output.split("\n")) {
                Matcher header = HEADER.matcher(line);
                Matcher field = FIELD.matcher(line);
                if (header.matches()) {
                    fields = new LinkedHashMap<>();
                    responses.add(new PmcResponse(header.group(1), header.group(2), header.group(3), header.group(4),
                            fields));
                } else if (field.matches()) {
                    assertThat(fields).as("pmc printed a field before any message header: '%s' in%n%s", line, output)
                            .isNotNull();
                    assertThat(fields.put(field.group(1), field.group(2)))
                            .as("pmc printed field %s twice in one message:%n%s", field.group(1), output).isNull();
                }
            }
            return responses;
        }
    }
}
