package io.timesync.hil.sim.gige;

import io.timesync.hil.sim.gige.GvcpTestClient.Ack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera's GenICam file is well-formed GenApi, declares the SFNC features with their SFNC types, and every
 * register it declares is one the device implements with the declared access.
 */
class GigeGenicamXmlTest {
    private static final String GENAPI_1_1 = "http://www.genicam.org/GenApi/Version_1_1";
    private static final Set<String> REFERENCES = Set.of("pValue", "pVariable", "pFeature", "pPort");
    private static final List<String> PTP_DATA_SET = List.of("PtpDataSetLatch", "PtpStatus", "PtpServoStatus",
            "PtpClockAccuracy", "PtpOffsetFromMaster", "PtpGrandmasterClockID", "PtpParentClockID", "PtpClockID");

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @ParameterizedTest(name = "with PTP data set: {0}")
    @ValueSource(booleans = {true, false})
    void everyDeclaredRegisterIsImplementedWithTheDeclaredAccess(boolean withPtpDataSet) throws Exception {
        GigeVisionDevice device = start(withPtpDataSet);
        Document file = parse(device.genicamXml());

        List<String> checked = new ArrayList<>();
        for (Element register : elementsWithChild(file, "Address")) {
            long address = Long.decode(text(register, "Address"));
            int length = Integer.parseInt(text(register, "Length"));
            RegisterSpace.Access declared = RegisterSpace.Access.valueOf(text(register, "AccessMode"));
            assertThat(device.registers().accessOf(address, length))
                    .as("%s at 0x%X, %d bytes", register.getAttribute("Name"), address, length).contains(declared);
            checked.add(register.getAttribute("Name"));
        }
        assertThat(checked).contains("DeviceSerialNumber", "TimestampLatchReg", "GevTimestampValueLowReg",
                "PtpEnableReg");
    }

    @ParameterizedTest(name = "with PTP data set: {0}")
    @ValueSource(booleans = {true, false})
    void everyCommandValueIsOneTheDeviceExecutes(boolean withPtpDataSet) throws Exception {
        GigeVisionDevice device = start(withPtpDataSet);
        Document file = parse(device.genicamXml());
        Map<String, Element> nodes = nodesByName(file);
        GvcpTestClient client = new GvcpTestClient(device.gvcpAddress());
        opened.add(0, client);
        client.takeControl();

        List<String> commands = new ArrayList<>();
        for (Element command : elements(file, "Command")) {
            Element register = nodes.get(text(command, "pValue"));
            Ack ack = client.writeRegister(Long.decode(text(register, "Address")),
                    Integer.parseInt(text(command, "CommandValue")));
            assertThat(ack.status()).as(command.getAttribute("Name") + ": " + Gvcp.statusName(ack.status())).isZero();
            commands.add(command.getAttribute("Name"));
        }
        assertThat(commands).contains("TimestampLatch", "GevTimestampControlLatch");
        assertThat(device.latches()).extracting(LatchTruth::kind).containsExactlyInAnyOrder(
                LatchTruth.Kind.TIMESTAMP_LATCH, LatchTruth.Kind.GEV_TIMESTAMP_CONTROL_LATCH);
    }

    @Test
    void isGenApiSchema1_1WithBigEndianRegistersAndResolvableReferences() throws Exception {
        Document file = parse(GenicamXml.of(DeviceIdentity.simulated("05520125"), true));
        Element root = file.getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo(GENAPI_1_1);
        assertThat(List.of(root.getAttribute("SchemaMajorVersion"), root.getAttribute("SchemaMinorVersion")))
                .as("schema 1.1: aravis accesses 32-bit registers with READMEM/WRITEMEM").containsExactly("1", "1");
        for (Element register : elementsWithChild(file, "Address")) {
            if (!register.getLocalName().equals("StringReg")) {
                assertThat(text(register, "Endianess")).as(register.getAttribute("Name")).isEqualTo("BigEndian");
            }
        }
        Map<String, Element> nodes = nodesByName(file);
        for (Element reference : allElements(file)) {
            if (REFERENCES.contains(reference.getLocalName())) {
                assertThat(nodes).as("%s of %s", reference.getLocalName(),
                        ((Element) reference.getParentNode()).getAttribute("Name"))
                        .containsKey(reference.getTextContent().strip());
            }
        }
    }

    @Test
    void nodeNamesAreUniqueExceptEnumEntriesNamedByTheirValue() throws Exception {
        Document file = parse(GenicamXml.of(DeviceIdentity.simulated("05520125"), true));
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Element node : allElements(file)) {
            String name = node.getAttribute("Name");
            if (!name.isEmpty() && !node.getLocalName().equals("EnumEntry") && !node.getLocalName().equals("pVariable")
                    && !seen.add(name)) {
                duplicates.add(name);
            }
        }
        assertThat(duplicates).isEmpty();
    }

    @Test
    void declaresTheSfncFeaturesWithTheirSfncTypesUnderRoot() throws Exception {
        Document file = parse(GenicamXml.of(DeviceIdentity.simulated("05520125"), true));
        Map<String, Element> nodes = nodesByName(file);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String name : List.of("DeviceVendorName", "DeviceModelName", "DeviceManufacturerInfo", "DeviceVersion",
                "DeviceFirmwareVersion", "DeviceSerialNumber", "DeviceUserID")) {
            expected.put(name, "StringReg");
        }
        expected.put("TimestampLatch", "Command");
        expected.put("TimestampLatchValue", "Integer");
        expected.put("GevTimestampTickFrequency", "Integer");
        expected.put("GevTimestampControlLatch", "Command");
        expected.put("GevTimestampValue", "Integer");
        expected.put("PtpEnable", "Boolean");
        expected.put("PtpDataSetLatch", "Command");
        expected.put("PtpStatus", "Enumeration");
        expected.put("PtpServoStatus", "Enumeration");
        expected.put("PtpClockAccuracy", "Enumeration");
        expected.put("PtpOffsetFromMaster", "Integer");
        expected.put("PtpGrandmasterClockID", "Integer");
        expected.put("PtpParentClockID", "Integer");
        expected.put("PtpClockID", "Integer");

        Map<String, String> declared = new LinkedHashMap<>();
        expected.keySet().forEach(name -> declared.put(name, nodes.containsKey(name)
                ? nodes.get(name).getLocalName() : "missing"));
        assertThat(declared).isEqualTo(expected);
        assertThat(featuresUnder(nodes, "Root")).containsAll(expected.keySet());
        assertThat(entries(nodes.get("PtpStatus"))).containsExactly("Initializing", "Faulty", "Disabled",
                "Listening", "PreMaster", "Master", "Passive", "Uncalibrated", "Slave");
        assertThat(entries(nodes.get("PtpServoStatus"))).containsExactly("Unknown", "Locked");
        assertThat(entries(nodes.get("PtpClockAccuracy"))).hasSize(19).contains("Within25ns", "Within2p5us",
                "GreaterThan10s", "Unknown");
        assertThat(text(nodes.get("TimestampLatchValue"), "Unit")).isEqualTo("ns");
        assertThat(text(nodes.get("PtpOffsetFromMaster"), "Unit")).isEqualTo("ns");
        assertThat(text(nodes.get(text(nodes.get("PtpClockID"), "pValue")), "Length"))
                .as("the 8-octet clock identity in one 64-bit register").isEqualTo("8");
    }

    @Test
    void withoutThePtpDataSetOnlyPtpEnableRemains() throws Exception {
        GigeVisionDevice device = start(false);
        Map<String, Element> nodes = nodesByName(parse(device.genicamXml()));

        assertThat(nodes).containsKey("PtpEnable").doesNotContainKeys(PTP_DATA_SET.toArray(String[]::new));
        assertThat(device.registers().accessOf(GenicamXml.PTP_DATA_SET_LATCH, 4)).isEmpty();
        assertThat(device.registers().accessOf(GenicamXml.PTP_CLOCK_ID, 8)).isEmpty();
    }

    private GigeVisionDevice start(boolean withPtpDataSet) {
        DeviceIdentity identity = DeviceIdentity.simulated("05520125");
        GigeDeviceConfig config = GigeDeviceConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                identity).withoutBroadcastDiscovery()
                .withFaults(withPtpDataSet ? List.of() : GigeFault.parseList("noPtpDataSet"));
        GigeVisionDevice device = GigeVisionDevice.start(config, hostNs -> hostNs,
                () -> PtpDataSet.disabled(identity.clockIdentity()));
        opened.add(0, device);
        return device;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> allElements(Document file) {
        List<Element> all = new ArrayList<>();
        NodeList list = file.getElementsByTagNameNS(GENAPI_1_1, "*");
        for (int i = 0; i < list.getLength(); i++) {
            all.add((Element) list.item(i));
        }
        return all;
    }

    private static List<Element> elements(Document file, String type) {
        return allElements(file).stream().filter(element -> element.getLocalName().equals(type)).toList();
    }

    private static List<Element> elementsWithChild(Document file, String child) {
        return allElements(file).stream().filter(element -> childText(element, child) != null).toList();
    }

    /** Feature nodes by name: the RegisterDescription's direct children. */
    private static Map<String, Element> nodesByName(Document file) {
        Map<String, Element> nodes = new HashMap<>();
        for (Node child = file.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.hasAttribute("Name")) {
                nodes.put(element.getAttribute("Name"), element);
            }
        }
        return nodes;
    }

    private static Set<String> featuresUnder(Map<String, Element> nodes, String category) {
        Set<String> features = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(category));
        while (!pending.isEmpty()) {
            Element node = nodes.get(pending.pop());
            NodeList children = node.getElementsByTagNameNS(GENAPI_1_1, "pFeature");
            for (int i = 0; i < children.getLength(); i++) {
                String name = children.item(i).getTextContent().strip();
                if (features.add(name) && nodes.get(name).getLocalName().equals("Category")) {
                    pending.push(name);
                }
            }
        }
        return features;
    }

    private static List<String> entries(Element enumeration) {
        List<String> names = new ArrayList<>();
        NodeList children = enumeration.getElementsByTagNameNS(GENAPI_1_1, "EnumEntry");
        for (int i = 0; i < children.getLength(); i++) {
            names.add(((Element) children.item(i)).getAttribute("Name"));
        }
        return names;
    }

    private static String text(Element element, String child) {
        String text = childText(element, child);
        assertThat(text).as("<%s> of %s", child, element.getAttribute("Name")).isNotNull();
        return text;
    }

    private static String childText(Element element, String child) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element candidate && candidate.getLocalName().equals(child)) {
                return candidate.getTextContent().strip();
            }
        }
        return null;
    }
}
