package dev.headroom.gateway;

import dev.headroom.gateway.translate.ChatChunksToAnthropic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An upstream OpenAI Chat event stream read as Anthropic events: each upstream event is translated by
 * {@link ChatChunksToAnthropic} when the reader asks for more bytes, so nothing is buffered beyond one event.
 * An upstream stream that is cut off (a read failure, or its end before {@code [DONE]} or a finish reason)
 * surfaces as an {@link IOException} once the events translated so far were read, as a cut would from the
 * upstream itself, so the gateway ends the client stream with its error event.
 */
final class TranslatedEventStream extends InputStream {
    private final InputStream upstream;
    private final SseEventReader reader;
    private final ChatChunksToAnthropic translator;
    private byte[] pending = new byte[0];
    private int pos;
    private boolean ended;

    TranslatedEventStream(InputStream upstream, String clientModel) {
        this.upstream = upstream;
        this.reader = new SseEventReader(upstream);
        this.translator = new ChatChunksToAnthropic(clientModel);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= pending.length) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, pending.length - pos);
        System.arraycopy(pending, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill() throws IOException {
        SseEvent event = reader.next();
        String out;
        if (event == null) {
            ended = true;
            if (reader.cut() || !translator.finishReasonSeen()) {
                throw new IOException("upstream stream was cut off");
            }
            out = translator.finish(); // a server that ends the stream after the finish reason without [DONE]
        } else {
            out = translator.accept(event.data());
            ended = translator.finished();
        }
        pending = out.getBytes(StandardCharsets.UTF_8);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
