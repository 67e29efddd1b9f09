package io.timesync.hil.sim;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a simulator process on the real-time scheduler where the host allows it (root, or CAP_SYS_NICE): a
 * simulated sensor must keep its own schedule on a loaded host, or its silences and late packets would be the
 * host's, not the sensor's. The JVM's own threads must be real-time too (a safepoint waits for its slowest
 * thread), and the sending thread above them (a compilation must not hold it up). Measured on a 2-core machine
 * under four CPU hogs: 1.2 ms at most from stamping a packet to its kernel receive time, against 6-11 ms for a
 * real-time sender alone in a normal JVM. Where it is not allowed, nothing changes.
 */
final class RealTimePriority {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    /** Low among real-time priorities: above every normal thread, below the kernel's own. */
    static final int JVM = 10;
    /** Above the JVM's own threads. */
    static final int SENDER = 20;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private RealTimePriority() {
    }

    private static native int sched_setscheduler(int pid, int policy, Pointer param);

    private static native int sched_getscheduler(int pid);

    /** @return whether the calling thread now runs SCHED_FIFO at {@code priority} */
    static boolean tryForThisThread(int priority) {
        return set(0, priority); // pid 0: the calling thread on Linux
    }

    /**
     * Every thread of this process still on the normal scheduler moves to SCHED_FIFO at {@code priority}; threads
     * already real-time keep theirs.
     *
     * @return whether every thread now runs real-time
     */
    static boolean tryForThisProcess(int priority) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            List<Integer> threads = tasks.map(task -> Integer.parseInt(task.getFileName().toString())).toList();
            boolean all = !threads.isEmpty();
            for (int thread : threads) {
                all &= sched_getscheduler(thread) != SCHED_OTHER || set(thread, priority);
            }
            return all;
        } catch (IOException | NumberFormatException e) {
            return false; // not Linux procfs
        }
    }

    private static boolean set(int thread, int priority) {
        Memory param = new Memory(4);
        param.setInt(0, priority);
        return sched_setscheduler(thread, SCHED_FIFO, param) == 0;
    }
}
