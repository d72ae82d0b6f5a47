package dev.headroom.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gives a typed exception naming the problem, quickly. */
@Timeout(30)
class MalformedInputTest {
    private static final HeadroomEngine ENGINE = Headroom.builder().discoverCompressors(false).build();

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> ENGINE.compress("hello, proxy"))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsJsonOfUnknownShape() {
        assertThatThrownBy(() -> ENGINE.compress("{\"prompt\":\"hi\"}"))
                .isInstanceOf(UnknownWireFormatException.class).hasMessageContaining("messages");
        assertThatThrownBy(() -> ENGINE.compress("42")).isInstanceOf(UnknownWireFormatException.class);
    }

    @Test
    void rejectsBodyOverTheLimitBeforeParsing() {
        byte[] body = new byte[50 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        assertThatThrownBy(() -> ENGINE.compress(body))
                .isInstanceOf(RequestTooLargeException.class).hasMessageContaining("52428800 bytes");
    }

    @Test
    void rejectsDeeplyNestedArrays() {
        String deep = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"extra\":"
                + "[".repeat(200_000) + "]".repeat(200_000) + "}]}";
        assertThatThrownBy(() -> ENGINE.compress(deep))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("limit");
    }

    @Test
    void rejectsTruncatedBody() {
        byte[] body = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ENGINE.compress(body)).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void allFailuresShareOneUncheckedRoot() {
        assertThat(HeadroomException.class).isAssignableTo(RuntimeException.class);
        assertThat(MalformedRequestException.class).isAssignableTo(HeadroomException.class);
        assertThat(UnknownWireFormatException.class).isAssignableTo(HeadroomException.class);
        assertThat(RequestTooLargeException.class).isAssignableTo(HeadroomException.class);
    }
}
