package dev.headroom.tokens;

import dev.headroom.retention.ContentHash;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers counts by content hash, so text that recurs on every turn of a conversation is tokenized
 * once. Short texts are counted directly: hashing them costs about as much as counting.
 */
public final class MemoizingTokenCounter implements TokenCounter {
    private static final int MEMO_THRESHOLD_CHARS = 2_048;

    private final TokenCounter delegate;
    private final Map<Key, Integer> memo;

    private record Key(long high, long low, int length) {
    }

    public MemoizingTokenCounter(TokenCounter delegate, int maxEntries) {
        this.delegate = delegate;
        this.memo = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Integer> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public String encodingName() {
        return delegate.encodingName();
    }

    @Override
    public int count(String text) {
        if (text.length() < MEMO_THRESHOLD_CHARS) {
            return delegate.count(text);
        }
        Key key = keyOf(text);
        synchronized (memo) {
            Integer known = memo.get(key);
            if (known != null) {
                return known;
            }
        }
        int counted = delegate.count(text);
        synchronized (memo) {
            memo.put(key, counted);
        }
        return counted;
    }

    private static Key keyOf(String text) {
        byte[] d = ContentHash.sha256(text);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (d[i] & 0xff);
            low = (low << 8) | (d[i + 8] & 0xff);
        }
        return new Key(high, low, text.length());
    }
}
