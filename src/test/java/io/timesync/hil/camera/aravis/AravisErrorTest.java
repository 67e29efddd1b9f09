package io.timesync.hil.camera.aravis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Aravis' GError domains and codes, named as arvdevice.h and arvgc.h (Aravis 0.8.26) name them. */
class AravisErrorTest {

    @Test
    void namesDeviceAndGenicamErrorsByTheirCEnumName() {
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, 1, "m").codeName())
                .isEqualTo("ARV_DEVICE_ERROR_FEATURE_NOT_FOUND");
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, 6, "m").codeName())
                .isEqualTo("ARV_DEVICE_ERROR_NOT_FOUND");
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, 17, "m").codeName())
                .isEqualTo("ARV_DEVICE_ERROR_PROTOCOL_ERROR_ACCESS_DENIED");
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, 18, "m").codeName())
                .isEqualTo("ARV_DEVICE_ERROR_PROTOCOL_ERROR_BUSY");
        assertThat(new AravisError("f", AravisError.GC_ERROR, 8, "m").codeName())
                .isEqualTo("ARV_GC_ERROR_ENUM_ENTRY_NOT_FOUND");
        assertThat(new AravisError("f", AravisError.GC_ERROR, 14, "m").codeName())
                .isEqualTo("ARV_GC_ERROR_INVALID_SYNTAX");
    }

    @Test
    void anUnknownDomainOrCodeIsShownAsItCame() {
        assertThat(new AravisError("f", "g-io-error-quark", 33, "m").codeName()).isEqualTo("g-io-error-quark code 33");
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, 19, "m").codeName())
                .isEqualTo("arv-device-error-quark code 19");
    }

    @Test
    void classifiesWhatTheSuiteTellsApart() {
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, AravisError.FEATURE_NOT_FOUND, "m").isMissingFeature())
                .isTrue();
        assertThat(new AravisError("f", AravisError.GC_ERROR, 7, "m").isMissingFeature()).isTrue();
        assertThat(new AravisError("f", AravisError.GC_ERROR, 1, "m").isMissingFeature()).isFalse();
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, AravisError.TIMEOUT, "m").isUnreachable()).isTrue();
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, AravisError.NOT_FOUND, "m").isUnreachable()).isTrue();
        assertThat(new AravisError("f", AravisError.GC_ERROR, AravisError.TIMEOUT, "m").isUnreachable()).isFalse();
        assertThat(new AravisError("f", AravisError.DEVICE_ERROR, AravisError.ACCESS_DENIED, "m")
                .isControlHeldElsewhere()).isTrue();
    }

    @Test
    void readsAsTheCallFailedWithTheCodeAndAravisMessage() {
        assertThat(new AravisError("arv_device_execute_command(TimestampLatch)", AravisError.DEVICE_ERROR, 1,
                "[TimestampLatch] Not found")).hasToString("arv_device_execute_command(TimestampLatch) failed with "
                + "ARV_DEVICE_ERROR_FEATURE_NOT_FOUND: [TimestampLatch] Not found");
    }
}
