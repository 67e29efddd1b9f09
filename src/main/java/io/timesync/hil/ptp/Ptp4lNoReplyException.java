package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartUnreachableException;

import java.util.Set;

/**
 * ptp4l did not answer in time. {@link #answeringDomains()} are the PTP domains in which it did answer a
 * ping, probed after the timeout: ptp4l silently drops requests for another domain than its own.
 */
public class Ptp4lNoReplyException extends BenchPartUnreachableException {
    private final Set<Integer> answeringDomains;

    Ptp4lNoReplyException(String part, String problem, String hint, Set<Integer> answeringDomains) {
        super(part, problem, hint);
        this.answeringDomains = Set.copyOf(answeringDomains);
    }

    public Set<Integer> answeringDomains() {
        return answeringDomains;
    }
}
