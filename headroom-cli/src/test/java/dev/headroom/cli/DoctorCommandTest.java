package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class DoctorCommandTest {

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void failsWithAStartHintWhenNothingListens() throws Exception {
        int port = deadPort();
        DoctorCommandIT.Run run = DoctorCommandIT.doctor(Map.of(), "--port", Integer.toString(port));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("✗ proxy not answering on 127.0.0.1:" + port
                + " — start it with: headroom proxy --port " + port + "\n");
    }

    @Test
    @Timeout(10) // the doctor's own limit is 2 s a call; the stalling service would hold it for a minute
    void failsInsteadOfHangingWhenAServiceStallsMidAnswer() throws Exception {
        try (ServerSocket stalling = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket client = stalling.accept()) {
                    client.getOutputStream().write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                            + "content-length: 100\r\n\r\n{").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    Thread.sleep(60_000); // the promised 99 bytes never come
                } catch (Exception e) {
                    // the test is over
                }
            });
            server.setDaemon(true);
            server.start();
            DoctorCommandIT.Run run = DoctorCommandIT.doctor(Map.of(), "--port", Integer.toString(stalling.getLocalPort()));
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).contains("✗ proxy not answering on 127.0.0.1:" + stalling.getLocalPort());
        }
    }

    @Test
    void jsonSaysFailureWhenNothingListens() throws Exception {
        int port = deadPort();
        DoctorCommandIT.Run run = DoctorCommandIT.doctor(Map.of("HEADROOM_PORT", Integer.toString(port)), "--json");
        assertThat(run.exit()).isEqualTo(2);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("overall").asText()).isEqualTo("failure");
        assertThat(report.at("/checks/0/name").asText()).isEqualTo("proxy");
        assertThat(report.at("/checks/0/status").asText()).isEqualTo("failure");
        assertThat(report.at("/checks/0/hint").asText()).startsWith("start it with: headroom proxy");
    }

    @Test
    void baseUrlsAreJudgedByHostPortAndPath() {
        assertThat(BaseUrlCheck.check("ANTHROPIC_BASE_URL", "http://localhost:8787/", "127.0.0.1", 8787, "").status())
                .isEqualTo(DoctorCheck.Status.OK);
        assertThat(BaseUrlCheck.check("ANTHROPIC_BASE_URL", "http://127.0.0.1:8787/v1", "127.0.0.1", 8787, "").detail())
                .contains("Anthropic clients add /v1 themselves");
        assertThat(BaseUrlCheck.check("OPENAI_BASE_URL", "http://127.0.0.1:8787/v1", "127.0.0.1", 8787, "/v1").status())
                .isEqualTo(DoctorCheck.Status.OK);
        DoctorCheck elsewhere = BaseUrlCheck.check("OPENAI_BASE_URL", "https://user:secret@api.openai.com/v1", "127.0.0.1", 8787, "/v1");
        assertThat(elsewhere.status()).isEqualTo(DoctorCheck.Status.WARNING);
        assertThat(elsewhere.detail()).contains("does not point at this proxy").doesNotContain("secret");
        assertThat(BaseUrlCheck.check("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1", "127.0.0.1", 8787, "/v1").hint())
                .isEqualTo("export OPENAI_BASE_URL=http://127.0.0.1:8787/v1");
    }
}
