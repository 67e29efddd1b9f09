package io.timesync.hil.ptp.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec against datagrams captured from a real ptp4l 3.1.1. */
class ManagementCodecTest {
    private static final PortIdentity CAPTURE_CLIENT = new PortIdentity(ClockIdentity.ZERO, 0x1234);

    static Stream<Ptp4lVector> vectors() {
        return Ptp4lVector.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyCapturedDatagramReencodesByteForByte(Ptp4lVector vector) {
        assertThat(ManagementCodec.encode(ManagementCodec.decode(vector.request(), vector.request().length, "test")))
                .isEqualTo(vector.request());
        for (byte[] response : vector.responses()) {
            assertThat(ManagementCodec.encode(ManagementCodec.decode(response, response.length, "test")))
                    .isEqualTo(response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyCapturedDatasetReencodesByteForByte(Ptp4lVector vector) {
        for (byte[] response : vector.responses()) {
            ManagementMessage message = ManagementCodec.decode(response, response.length, "test");
            if (message.payload() instanceof ManagementTlv tlv && tlv.data().length > 0
                    && ManagementId.byCode(tlv.managementId()).isPresent()) {
                ManagementId<?> id = ManagementId.byCode(tlv.managementId()).get();
                assertThat(ManagementTlv.of(tlv.decode(id, vector.name())).data()).isEqualTo(tlv.data());
            }
        }
    }

    @Test
    void ourGetRequestIsTheBytesPtp4lWasSent() {
        Ptp4lVector vector = Ptp4lVector.load("gm_default_data_set");
        ManagementMessage request = ManagementMessage.request(0, CAPTURE_CLIENT, 0x0102, PortIdentity.ALL,
                Action.GET, ManagementTlv.empty(DefaultDataSet.ID));

        assertThat(HexFormat.of().formatHex(ManagementCodec.encode(request)))
                .isEqualTo(HexFormat.of().formatHex(vector.request()));
    }

    @Test
    void decodesTheGrandmastersDatasets() {
        DefaultDataSet defaults = Ptp4lVector.load("gm_default_data_set").data(DefaultDataSet.ID);
        assertThat(defaults.clockIdentity()).hasToString("020000.fffe.000001");
        assertThat(defaults).extracting(DefaultDataSet::twoStepFlag, DefaultDataSet::slaveOnly,
                        DefaultDataSet::numberPorts, DefaultDataSet::priority1, DefaultDataSet::priority2,
                        DefaultDataSet::domainNumber)
                .containsExactly(true, false, 1, 10, 10, 0);
        assertThat(defaults.clockQuality()).isEqualTo(new ClockQuality(248, 0xFE, 0xFFFF));

        assertThat(Ptp4lVector.load("gm_current_data_set").data(CurrentDataSet.ID).stepsRemoved()).isZero();
        ParentDataSet parent = Ptp4lVector.load("gm_parent_data_set").data(ParentDataSet.ID);
        assertThat(parent.grandmasterIdentity()).isEqualTo(defaults.clockIdentity());
        assertThat(parent.parentPortIdentity()).hasToString("020000.fffe.000001-0");

        PortDataSet port = Ptp4lVector.load("gm_port_data_set").data(PortDataSet.ID);
        assertThat(port.portState()).isEqualTo(PortState.MASTER);
        assertThat(port.portIdentity().portNumber()).isEqualTo(1);
        assertThat(port.logAnnounceInterval()).isEqualTo(1);
        assertThat(port.announceReceiptTimeout()).isEqualTo(3);
        assertThat(port.versionNumber()).isEqualTo(2);

        PortPropertiesNp properties = Ptp4lVector.load("gm_port_properties_np").data(PortPropertiesNp.ID);
        assertThat(properties.interfaceName()).isEqualTo("pbgm0");
        assertThat(properties.portState()).isEqualTo(PortState.MASTER);
        assertThat(properties.timestamping()).isZero();

        TimePropertiesDataSet time = Ptp4lVector.load("gm_time_properties_data_set").data(TimePropertiesDataSet.ID);
        assertThat(time.currentUtcOffset()).isEqualTo(37);
        assertThat(time.currentUtcOffsetValid()).isFalse();
        assertThat(time.timeSource()).isEqualTo(0xA0);

        TimeStatusNp status = Ptp4lVector.load("gm_time_status_np").data(TimeStatusNp.ID);
        assertThat(status.gmPresent()).isFalse();
        assertThat(status.gmIdentity()).isEqualTo(defaults.clockIdentity());
    }

    @Test
    void decodesTheSlavesDatasets() {
        CurrentDataSet current = Ptp4lVector.load("slave_current_data_set").data(CurrentDataSet.ID);
        assertThat(current.stepsRemoved()).isEqualTo(1);
        assertThat(current.offsetFromMaster().scaledNs()).isEqualTo(0x1c8_0000L);
        assertThat(current.offsetFromMaster().ns()).isEqualTo(456);
        assertThat(current.meanPathDelay().ns()).isEqualTo(0x851);

        DefaultDataSet defaults = Ptp4lVector.load("slave_default_data_set").data(DefaultDataSet.ID);
        assertThat(defaults.slaveOnly()).isTrue();
        assertThat(defaults.clockQuality().clockClass()).isEqualTo(255);

        ParentDataSet parent = Ptp4lVector.load("slave_parent_data_set").data(ParentDataSet.ID);
        assertThat(parent.grandmasterIdentity()).hasToString("020000.fffe.000001").isNotEqualTo(defaults.clockIdentity());
        assertThat(parent.parentPortIdentity().portNumber()).isEqualTo(1);

        assertThat(Ptp4lVector.load("slave_port_data_set").data(PortDataSet.ID).portState()).isEqualTo(PortState.SLAVE);
        assertThat(Ptp4lVector.load("slave_port_properties_np").data(PortPropertiesNp.ID).interfaceName())
                .isEqualTo("pbsl0");

        TimeStatusNp status = Ptp4lVector.load("slave_time_status_np").data(TimeStatusNp.ID);
        assertThat(status.gmPresent()).isTrue();
        assertThat(status.masterOffsetNs()).isEqualTo(15);
        assertThat(status.ingressTimeNs()).isEqualTo(1_795_286_123_003_668_599L);
        assertThat(status.gmIdentity()).isEqualTo(parent.grandmasterIdentity());
        TimeStatusNp pmcStyle = Ptp4lVector.load("slave_time_status_np_pmcstyle").data(TimeStatusNp.ID);
        assertThat(pmcStyle.masterOffsetNs()).isEqualTo(-7);
    }

    @Test
    void decodesErrorStatusesWithTheirNames() {
        assertThat(errorOf("slave_error_no_such_id")).isEqualTo("NO_SUCH_ID for managementId 0x1234");
        assertThat(errorOf("slave_error_not_supported")).isEqualTo("NOT_SUPPORTED for managementId 0x200F");
        assertThat(errorOf("slave_error_wrong_length")).isEqualTo("WRONG_LENGTH for DEFAULT_DATA_SET");
        assertThat(errorOf("slave_error_wrong_value")).isEqualTo("WRONG_VALUE for PORT_DATA_SET");
    }

    @Test
    void headerOfAResponseNamesItsPortAndEchoesTheRequest() {
        Ptp4lVector vector = Ptp4lVector.load("slave_null_management");
        ManagementMessage response = vector.decodedResponse();
        ManagementMessage request = ManagementCodec.decode(vector.request(), vector.request().length, "test");

        assertThat(response.action()).isEqualTo(Action.RESPONSE);
        assertThat(response.sequenceId()).isEqualTo(request.sequenceId());
        assertThat(response.targetPortIdentity()).isEqualTo(CAPTURE_CLIENT);
        assertThat(response.sourcePortIdentity()).hasToString("020000.fffe.000002-1");
        assertThat(response.payload()).isEqualTo(ManagementTlv.empty(NullManagement.ID));
    }

    @Test
    void errorsNameTheFieldAndOffset() {
        byte[] response = Ptp4lVector.load("gm_default_data_set").response();
        assertThatThrownBy(() -> ManagementCodec.decode(response, 40, "ptp4l"))
                .isInstanceOf(PtpProtocolException.class)
                .hasMessageContaining("messageLength 74 at offset 2 does not match the datagram's 40 bytes");

        byte[] wrongType = response.clone();
        wrongType[0] = 0x0B;
        assertThatThrownBy(() -> ManagementCodec.decode(wrongType, wrongType.length, "ptp4l"))
                .hasMessageContaining("messageType 0xB at offset 0 is not MANAGEMENT");

        ManagementTlv shortData = new ManagementTlv(DefaultDataSet.ID.code(), new byte[19], 54);
        assertThatThrownBy(() -> shortData.decode(DefaultDataSet.ID, "ptp4l"))
                .hasMessageContaining("data field is 19 bytes, DEFAULT_DATA_SET has 20");

        byte[] badState = Ptp4lVector.load("gm_port_data_set").response();
        badState[54 + 10] = 42;
        ManagementTlv tlv = (ManagementTlv) ManagementCodec.decode(badState, badState.length, "ptp4l").payload();
        assertThatThrownBy(() -> tlv.decode(PortDataSet.ID, "ptp4l"))
                .hasMessageContaining("portState 42 at offset 64 is not a PTP port state");
    }

    private static String errorOf(String vector) {
        return Ptp4lVector.load(vector).decodedResponse().payload().toString();
    }
}
