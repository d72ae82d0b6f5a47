package dev.headroom.compress.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineMaskerTest {

    @Test
    void givesLinesThatDifferOnlyInValuesTheSameKey() {
        assertThat(LineMasker.mask("ts=2025-08-04T11:51:00Z caller=logging.go:85 method=Health took=40µs"))
                .isEqualTo(LineMasker.mask("ts=2025-08-04T11:53:27Z caller=logging.go:85 method=Health took=25.359µs"));
        assertThat(LineMasker.mask("user user_1062 from 192.168.152.169 - RequestID: k92x86k8msd"))
                .isEqualTo(LineMasker.mask("user user_1020 from 10.0.0.1 - RequestID: lqosadrvin"));
        assertThat(LineMasker.mask("sent to grace.taylor@finance.example.com"))
                .isEqualTo(LineMasker.mask("sent to bob.smith@finance.example.com"));
        assertThat(LineMasker.mask("object at 0x7f5966fb6e90 trace_id=deadbeefcafe"))
                .isEqualTo(LineMasker.mask("object at 0x7f5966dc5040 trace_id=abc"));
    }

    @Test
    void keepsLinesWithDifferentWordsApart() {
        assertThat(LineMasker.mask("GET /health 200 3ms")).isNotEqualTo(LineMasker.mask("GET /orders 200 3ms"));
        assertThat(LineMasker.mask("valid: true")).isNotEqualTo(LineMasker.mask("valid: false"));
        assertThat(LineMasker.mask("payment-service failed")).isNotEqualTo(LineMasker.mask("order-service failed"));
    }

    @Test
    void masksTheValueOfAnIdKeyInAnyCaseAndScript() {
        assertThat(LineMasker.mask("TRACE_ID=abc done")).isEqualTo(LineMasker.mask("TRACE_ID=xyz done"));
        assertThat(LineMasker.mask("sessionId: alpha")).isEqualTo(LineMasker.mask("sessionId: beta"));
        assertThat(LineMasker.mask("ÜberSessionId: alpha")).isEqualTo(LineMasker.mask("ÜberSessionId: beta"));
        assertThat(LineMasker.mask("x-Request-Guid=alpha")).isEqualTo(LineMasker.mask("x-Request-Guid=beta"));
        assertThat(LineMasker.mask("paid: yes")).isNotEqualTo(LineMasker.mask("paid: no"));
        assertThat(LineMasker.mask("Überpaid: yes")).isNotEqualTo(LineMasker.mask("Überpaid: no"));
    }
}
