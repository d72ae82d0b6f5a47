package dev.headroom.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionAdmissionTest {

    @Test
    void admitsRequestsWhileTheirBytesFitAndRefusesTheOneThatDoesNot() throws Exception {
        CompressionAdmission admission = new CompressionAdmission(new AdmissionSettings(100 * 1024, Duration.ZERO));
        Optional<CompressionAdmission.Permit> a = admission.admit(60 * 1024);
        Optional<CompressionAdmission.Permit> b = admission.admit(40 * 1024);
        Optional<CompressionAdmission.Permit> c = admission.admit(1);

        assertThat(a).isPresent();
        assertThat(b).isPresent();
        assertThat(c).isEmpty();
        assertThat(admission.bytesInUse()).isEqualTo(100 * 1024);
    }

    @Test
    void closingAPermitGivesItsBytesBackOnceOnly() throws Exception {
        CompressionAdmission admission = new CompressionAdmission(new AdmissionSettings(10 * 1024, Duration.ZERO));
        CompressionAdmission.Permit permit = admission.admit(8 * 1024).orElseThrow();
        CompressionAdmission.Permit other = admission.admit(2 * 1024).orElseThrow();

        permit.close();
        permit.close();

        assertThat(admission.bytesInUse()).isEqualTo(2 * 1024);
        assertThat(admission.admit(9 * 1024)).isEmpty();
        other.close();
        assertThat(admission.bytesInUse()).isZero();
    }

    @Test
    void bodyLargerThanTheWholeLimitIsAdmittedOnlyWhenNothingElseIsUnderCompression() throws Exception {
        CompressionAdmission admission = new CompressionAdmission(new AdmissionSettings(4 * 1024, Duration.ZERO));
        CompressionAdmission.Permit small = admission.admit(1024).orElseThrow();

        assertThat(admission.admit(1 << 20)).isEmpty();
        small.close();
        assertThat(admission.admit(1 << 20)).isPresent();
    }

    @Test
    void queuedRequestIsAdmittedWhenBytesFreeUpWithinTheWait() throws Exception {
        CompressionAdmission admission = new CompressionAdmission(new AdmissionSettings(4 * 1024, Duration.ofSeconds(20)));
        CompressionAdmission.Permit holder = admission.admit(4 * 1024).orElseThrow();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            holder.close();
        });
        releaser.start();

        assertThat(admission.admit(4 * 1024)).isPresent();
        releaser.join();
    }

    @Test
    void unlimitedSettingsAdmitEverythingAtOnce() throws Exception {
        CompressionAdmission admission = new CompressionAdmission(AdmissionSettings.unlimited());

        for (int i = 0; i < 100; i++) {
            assertThat(admission.admit(1L << 30)).isPresent();
        }
        assertThat(admission.bytesInUse()).isZero();
    }

    @Test
    void settingsRejectALimitUnderOneKibAndANegativeWait() {
        assertThatThrownBy(() -> new AdmissionSettings(100, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionSettings(1 << 20, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An 8 KiB limit whose one compression so far held its permit for {@code hold}, now taken whole again. */
    private record Busy(CompressionAdmission admission, CompressionAdmission.Permit holder) {
        static Busy afterOneCompressionOf(Duration hold, Duration wait) throws InterruptedException {
            long[] now = {0};
            CompressionAdmission admission = new CompressionAdmission(new AdmissionSettings(8 * 1024, wait), () -> now[0]);
            CompressionAdmission.Permit first = admission.admit(8 * 1024).orElseThrow();
            now[0] += hold.toNanos();
            first.close();
            return new Busy(admission, admission.admit(8 * 1024).orElseThrow());
        }

        /** Asks for {@code bytes} and checks that the answer is "no" and came well before the wait was up. */
        void refusesAtOnce(long bytes) throws InterruptedException {
            long started = System.nanoTime();
            Optional<CompressionAdmission.Permit> next = admission.admit(bytes);

            assertThat(next).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            holder.close();
        }
    }

    @Test
    void requestWhoseExpectedWaitExceedsTheWaitGoesOutAtOnceInsteadOfQueueing() throws Exception {
        // the first compression held the whole limit for two minutes
        Busy.afterOneCompressionOf(Duration.ofMinutes(2), Duration.ofSeconds(30)).refusesAtOnce(8 * 1024);
    }

    @Test
    void requestWhoseExpectedWaitFitsTheWaitQueuesAndIsAdmitted() throws Exception {
        Busy busy = Busy.afterOneCompressionOf(Duration.ofMillis(5), Duration.ofSeconds(30));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            busy.holder().close();
        });
        releaser.start();

        assertThat(busy.admission().admit(8 * 1024)).isPresent();
        releaser.join();
    }

    @Test
    void requestWhoseCompressionWouldEndPastTheWaitGoesOutAtOnce() throws Exception {
        // compressions take 20 s: 20 s of queueing and 20 s of its own do not fit 30 s
        Busy.afterOneCompressionOf(Duration.ofSeconds(20), Duration.ofSeconds(30)).refusesAtOnce(8 * 1024);
    }

    @Test
    void queuedRequestGivesUpWhenItsCompressionCouldNoLongerEndWithinTheWait() throws Exception {
        // a compression takes 2 s, so a queued one must start within 1 s; the holder is not given back in time
        Busy busy = Busy.afterOneCompressionOf(Duration.ofSeconds(2), Duration.ofSeconds(3));

        long started = System.nanoTime();
        Optional<CompressionAdmission.Permit> next = busy.admission().admit(1024); // expected wait 0.25 s: it queues

        Duration queued = Duration.ofNanos(System.nanoTime() - started);
        assertThat(next).isEmpty();
        assertThat(queued).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofMillis(2_500));
        busy.holder().close();
    }
}
