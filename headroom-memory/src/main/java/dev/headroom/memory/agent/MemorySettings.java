package dev.headroom.memory.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of {@link AgentMemory}.
 *
 * @param enabled       whether requests see memory at all ({@code --memory})
 * @param storage       which file a request's memories live in ({@code --memory-storage})
 * @param topK          at most this many memories are put into the latest user turn ({@code --memory-top-k})
 * @param tools         whether the memory tools are injected and served ({@code --no-memory-tools} turns them off)
 * @param context       whether relevant memories are put into the latest user turn ({@code --no-memory-context})
 * @param contextTokens the memory block's size limit, in tokens (about four characters each)
 * @param learn         whether facts are learned from tool results ({@code --learn})
 * @param minEvidence   sightings in distinct requests before a learned fact is saved ({@code --min-evidence})
 * @param home          the directory holding {@code memory/}
 * @param clock         the time source of created/updated times
 */
public record MemorySettings(boolean enabled, MemoryStorage storage, int topK, boolean tools, boolean context,
                             int contextTokens, boolean learn, int minEvidence, Path home, Clock clock) {
    public static final int DEFAULT_TOP_K = 10;
    public static final int DEFAULT_CONTEXT_TOKENS = 1000;
    public static final int DEFAULT_MIN_EVIDENCE = 5;

    public MemorySettings {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
        if (topK < 0 || topK > 100) {
            throw new IllegalArgumentException("memory top-k must be in [0, 100], got " + topK);
        }
        if (contextTokens < 50) {
            throw new IllegalArgumentException("memory context tokens must be at least 50, got " + contextTokens);
        }
        if (minEvidence < 1) {
            throw new IllegalArgumentException("min evidence must be at least 1, got " + minEvidence);
        }
    }

    /** Memory off. */
    public static MemorySettings off(Path home) {
        return new MemorySettings(false, MemoryStorage.PROJECT, DEFAULT_TOP_K, true, true, DEFAULT_CONTEXT_TOKENS,
                false, DEFAULT_MIN_EVIDENCE, home, Clock.systemUTC());
    }

    /** One line for the proxy's start banner. */
    public String describe() {
        if (!enabled) {
            return "memory: off";
        }
        return "memory: " + storage.label() + " storage under " + home.resolve("memory") + ", tools " + (tools ? "on" : "off")
                + ", context " + (context ? "top " + topK : "off") + ", learning " + (learn ? "on (" + minEvidence + " sightings)" : "off");
    }
}
