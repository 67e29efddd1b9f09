/**
 * Network conditions for simulated bench parts. {@link io.timesync.hil.sim.net.UdpDelayRelay} puts a delay and
 * seeded jitter on each direction of a UDP path in user space, for kernels without netem: put it in front of a
 * simulated camera and a client measures a real, asymmetric round trip.
 */
package io.timesync.hil.sim.net;
