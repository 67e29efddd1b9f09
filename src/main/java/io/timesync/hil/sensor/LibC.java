package io.timesync.hil.sensor;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libc socket calls the UDP capture needs, bound by JNA direct mapping (the fastest JNA call path).
 * Constants and struct layouts are x86_64 Linux's.
 */
final class LibC {
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_TIMESTAMPNS = 35;
    static final int SO_TIMESTAMPING = 37;
    static final int SO_RXQ_OVFL = 40;
    static final int SOF_TIMESTAMPING_RX_HARDWARE = 1 << 2;
    static final int SOF_TIMESTAMPING_RX_SOFTWARE = 1 << 3;
    static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    static final int SOF_TIMESTAMPING_RAW_HARDWARE = 1 << 6;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_CTRUNC = 0x08;
    static final short POLLIN = 0x1;
    static final int EAGAIN = 11;
    static final int EINTR = 4;

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    static native int bind(int fd, Pointer address, int length);

    static native int getsockname(int fd, Pointer address, Pointer length);

    static native int poll(Pointer fds, long count, int timeoutMs);

    static native int recvmmsg(int fd, Pointer messages, int count, int flags, Pointer timeout);

    static native int close(int fd);

    static native String strerror(int errno);
}
