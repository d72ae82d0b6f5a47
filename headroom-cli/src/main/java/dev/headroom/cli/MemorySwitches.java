package dev.headroom.cli;

import dev.headroom.core.HeadroomHome;
import dev.headroom.memory.agent.MemorySettings;
import dev.headroom.memory.agent.MemoryStorage;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.Optional;

/**
 * Switches of persistent agent memory (a picocli mixin of {@code proxy}): whether requests see memory, where it
 * lives, how much of it goes into a request, and learning from tool results. All off unless {@code --memory}
 * (or {@code --learn}, which implies it); {@code --stateless} turns memory off.
 */
final class MemorySwitches {

    @Option(names = "--memory", negatable = true, fallbackValue = "true", converter = CompressionSwitches.Switch.class,
            defaultValue = "${env:HEADROOM_MEMORY:-false}",
            description = {"Persistent agent memory: inject the memory tools (memory_save, memory_search, memory_update, "
                    + "memory_delete, memory_list; the proxy serves their calls) and put the memories relevant to the "
                    + "latest user turn at its end. Off by default. Env: HEADROOM_MEMORY=1."})
    boolean memory;

    @Option(names = "--memory-storage", paramLabel = "project|user|global", defaultValue = "${env:HEADROOM_MEMORY_STORAGE:-project}",
            description = {"project (default): one SQLite file per workspace (from x-headroom-project-id, x-headroom-cwd or the "
                    + "working directory the client states; no project, no memory); user: one per user; global: one shared. "
                    + "Env: HEADROOM_MEMORY_STORAGE."})
    String storage;

    @Option(names = "--memory-top-k", paramLabel = "N", defaultValue = "${env:HEADROOM_MEMORY_TOP_K:-10}",
            description = "At most N memories put into the latest user turn (default ${DEFAULT-VALUE}). Env: HEADROOM_MEMORY_TOP_K.")
    int topK;

    @Option(names = "--no-memory-tools", defaultValue = "${env:HEADROOM_NO_MEMORY_TOOLS:-false}",
            description = "Do not inject the memory tools (memories are still put into requests). Env: HEADROOM_NO_MEMORY_TOOLS.")
    boolean noTools;

    @Option(names = "--no-memory-context", defaultValue = "${env:HEADROOM_NO_MEMORY_CONTEXT:-false}",
            description = "Do not put memories into requests (the tools stay). Env: HEADROOM_NO_MEMORY_CONTEXT.")
    boolean noContext;

    @Option(names = "--learn", negatable = true, fallbackValue = "true", converter = CompressionSwitches.Switch.class,
            defaultValue = "${env:HEADROOM_LEARN:-false}",
            description = {"Learn from tool results (implies --memory): build and test commands that work, the package "
                    + "manager, error -> fix pairs; saved as learned memories after --min-evidence sightings. Env: HEADROOM_LEARN=1."})
    boolean learn;

    @Option(names = "--min-evidence", paramLabel = "N", defaultValue = "${env:HEADROOM_MIN_EVIDENCE:-5}",
            description = "Distinct tool calls a fact must be seen in before --learn saves it (default ${DEFAULT-VALUE}). Env: HEADROOM_MIN_EVIDENCE.")
    int minEvidence;

    /** Whether memory was asked for (by --memory or --learn). */
    boolean requested() {
        return memory || learn;
    }

    /** The settings; under {@code stateless} memory is off. */
    MemorySettings settings(boolean stateless) {
        boolean on = requested() && !stateless;
        return new MemorySettings(on, MemoryStorage.parse(storage), topK, !noTools, !noContext,
                MemorySettings.DEFAULT_CONTEXT_TOKENS, learn && !stateless, minEvidence, HeadroomHome.directory(), Clock.systemUTC());
    }

    /** A problem with the values, to report as a usage error. */
    Optional<String> conflict() {
        try {
            settings(false);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }
}
