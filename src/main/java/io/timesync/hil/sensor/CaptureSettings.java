package io.timesync.hil.sensor;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How packets are captured and judged.
 *
 * @param hardwareTimestamps judge against the NIC's raw hardware receive time (its PTP clock, taken to run TAI)
 *                           instead of the kernel's software receive time (CLOCK_REALTIME, UTC)
 * @param maxDiffNs          a packet may arrive at most this long after its sensor timestamp
 * @param futureToleranceNs  and at most this long before it (clock disagreement budget): earlier, it is from
 *                           the future
 * @param warmUpNs           packets in this first part of the capture are logged, not judged
 * @param durationNs         judged capture time after the warm-up
 * @param arrivalTimeoutNs   bound on waiting for a stream's first packet
 * @param maxSilenceNs       longest silence allowed in a stream's judged window; empty: from its nominal rate
 */
public record CaptureSettings(String bindAddress, Optional<String> bindInterface, int receiveBufferBytes,
                              boolean hardwareTimestamps, long maxDiffNs, long futureToleranceNs, long warmUpNs,
                              long durationNs, long arrivalTimeoutNs, OptionalLong maxSilenceNs) {
}
