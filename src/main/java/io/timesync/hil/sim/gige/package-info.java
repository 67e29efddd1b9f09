/**
 * A simulated GigE Vision camera speaking GVCP over UDP ({@link io.timesync.hil.sim.gige.GigeVisionDevice}), so
 * real clients (aravis' arv-tool-0.8, an aravis-backed camera backend) discover it, read its GenICam file and
 * registers and latch its PTP-disciplined clock with real network round trips, and its own process
 * ({@link io.timesync.hil.sim.gige.GigeDeviceMain}).
 *
 * <h2>Address space</h2>
 * Bootstrap registers as aravis 0.8.26 defines them (src/arvgvcpprivate.h), plus those it does not define, from
 * Wireshark's GVCP dissector (epan/dissectors/packet-gvcp.c) and the GigE Vision 2.0.03 bootstrap table:
 * <pre>
 * 0x0000 version 2.0            0x0004 device mode (big-endian, UTF-8)   0x0008/0x000C MAC high/low
 * 0x0010/0x0014 IP config (DHCP, LLA)  0x0024 IP  0x0034 mask  0x0044 gateway  (0x0018.. reserved: zeros)
 * 0x0048 manufacturer name (32)  0x0068 model (32)  0x0088 device version (32)  0x00A8 manufacturer info (48)
 * 0x00D8 serial number (16)      0x00E8 user-defined name (16, RW)   -- 0x0000..0x00F7 is the DISCOVERY_ACK
 * 0x0200 first URL "Local:timesync-hil-sim-gige.xml;100000;&lt;length&gt;"   0x0400 second URL (empty)
 * 0x0600 interfaces 1  0x0900 message channels 0  0x0904 stream channels 0 (no images)  0x0910 active links 1
 * 0x092C/0x0930 stream/message channel capability 0
 * 0x0934 GVCP capability: user-defined name, serial number, PENDING_ACK, WRITEMEM, concatenation
 * 0x0938 heartbeat timeout (RW, ms, default 3000, at least 500)
 * 0x093C/0x0940 timestamp tick frequency high/low   0x0944 timestamp control (WO: bit 30 latch; reset refused)
 * 0x0948/0x094C latched timestamp high/low (ticks)
 * 0x0954 GVCP configuration (RW: bit 30 PENDING_ACK enable)   0x0958 pending timeout (ms)
 * 0x0964/0x0968 physical link capability (single link) / configuration
 * 0x0A00 control channel privilege (RW: bit 31 exclusive, bit 30 control)  0x0A04/0x0A14 primary port / IP
 * 0xA000.. manufacturer-specific (see {@link io.timesync.hil.sim.gige.GenicamXml}): firmware version, TIS
 *          TimestampLatch / TimestampLatchValue, SFNC PTP control and data set; 0x100000 the GenICam file
 * </pre>
 *
 * <h2>Behaviour worth knowing</h2>
 * <ul>
 *   <li>PENDING_ACK only when the client set GVCP configuration bit 30 (aravis 0.8 never does: it then times
 *       out after 500 ms and retries); its time to completion is the remaining time plus one pending timeout.</li>
 *   <li>A command repeated with the same request id from the same source (a client's retry) is answered with the
 *       previous acknowledge and not executed again, so one latch call is one latch.</li>
 *   <li>While a primary application holds control, others may not write (nor read under exclusive access);
 *       with no primary anyone may write, as aravis' fake camera allows.</li>
 *   <li>The PTP data set registers hold the snapshot of the last PtpDataSetLatch (the power-up state before the
 *       first one), as the SFNC features "return the latched" values.</li>
 * </ul>
 */
package io.timesync.hil.sim.gige;
