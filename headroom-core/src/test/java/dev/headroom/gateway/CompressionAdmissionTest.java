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

    @Test
    void requestWhoseExpectedWaitExceedsTheWaitGoesOutAtOnceInsteadOfQueueing() throws Exception {
        long[] now = {0};
        CompressionAdmission admission = new CompressionAdmission(
                new AdmissionSettings(8 * 1024, Duration.ofSeconds(30)), () -> now[0]);
        CompressionAdmission.Permit slow = admission.admit(8 * 1024).orElseThrow();
        now[0] += Duration.ofMinutes(2).toNanos(); // the first compression held the whole limit for two minutes
        slow.close();
        CompressionAdmission.Permit holder = admission.admit(8 * 1024).orElseThrow();

        long started = System.nanoTime();
        Optional<CompressionAdmission.Permit> next = admission.admit(8 * 1024);

        assertThat(next).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        holder.close();
    }

    @Test
    void requestWhoseExpectedWaitFitsTheWaitQueuesAndIsAdmitted() throws Exception {
        long[] now = {0};
        CompressionAdmission admission = new CompressionAdmission(
                new AdmissionSettings(8 * 1024, Duration.ofSeconds(30)), () -> now[0]);
        CompressionAdmission.Permit quick = admission.admit(8 * 1024).orElseThrow();
        now[0] += Duration.ofMillis(5).toNanos();
        quick.close();
        CompressionAdmission.Permit holder = admission.admit(8 * 1024).orElseThrow();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            holder.close();
        });
        releaser.start();

        assertThat(admission.admit(8 * 1024)).isPresent();
        releaser.join();
    }

    @Test
    void requestWhoseCompressionWouldEndPastTheWaitGoesOutAtOnce() throws Exception {
        long[] now = {0};
        CompressionAdmission admission = new CompressionAdmission(
                new AdmissionSettings(8 * 1024, Duration.ofSeconds(30)), () -> now[0]);
        CompressionAdmission.Permit slow = admission.admit(8 * 1024).orElseThrow();
        now[0] += Duration.ofSeconds(20).toNanos(); // compressions take 20 s: 20 s of queueing and 20 s of its own
        slow.close();
        CompressionAdmission.Permit holder = admission.admit(8 * 1024).orElseThrow();

        long started = System.nanoTime();
        Optional<CompressionAdmission.Permit> next = admission.admit(8 * 1024);

        assertThat(next).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        holder.close();
    }

    @Test
    void queuedRequestGivesUpWhenItsCompressionCouldNoLongerEndWithinTheWait() throws Exception {
        long[] now = {0};
        CompressionAdmission admission = new CompressionAdmission(
                new AdmissionSettings(8 * 1024, Duration.ofSeconds(3)), () -> now[0]);
        CompressionAdmission.Permit first = admission.admit(8 * 1024).orElseThrow();
        now[0] += Duration.ofSeconds(2).toNanos(); // a compression takes 2 s: a queued one must start within 1 s
        first.close();
        CompressionAdmission.Permit holder = admission.admit(8 * 1024).orElseThrow(); // never given back in time

        long started = System.nanoTime();
        Optional<CompressionAdmission.Permit> next = admission.admit(1024); // expected wait 0.25 s: it queues

        Duration queued = Duration.ofNanos(System.nanoTime() - started);
        assertThat(next).isEmpty();
        assertThat(queued).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofMillis(2_500));
        holder.close();
    }
}
