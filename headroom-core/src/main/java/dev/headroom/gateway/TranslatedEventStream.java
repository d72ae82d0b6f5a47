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
final class TranslatedEventStream extends PieceByPieceStream {
    private final SseEventReader reader;
    private final ChatChunksToAnthropic translator;

    TranslatedEventStream(InputStream upstream, String clientModel) {
        super(upstream);
        this.reader = new SseEventReader(upstream);
        this.translator = new ChatChunksToAnthropic(clientModel);
    }

    @Override
    protected byte[] nextPiece() throws IOException {
        SseEvent event = reader.next();
        String out;
        if (event == null) {
            end();
            if (reader.cut() || !translator.finishReasonSeen()) {
                throw new IOException("upstream stream was cut off");
            }
            out = translator.finish(); // a server that ends the stream after the finish reason without [DONE]
        } else {
            out = translator.accept(event.data());
            if (translator.finished()) {
                end();
            }
        }
        return out.getBytes(StandardCharsets.UTF_8);
    }
}
