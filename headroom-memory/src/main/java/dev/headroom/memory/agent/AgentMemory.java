package dev.headroom.memory.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.Headers;
import dev.headroom.gateway.MemoryHook;
import dev.headroom.gateway.ServedTools;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Persistent agent memory for the gateway ({@link MemoryHook}): finds the request's memory file (by project
 * under {@code project} storage, failing closed when no project resolves), appends the memory tools after the
 * client's (unless the client has a tool of one of their names) and serves their calls, and puts the
 * memories relevant to the latest user turn at the end of that turn. Thread-safe.
 */
public final class AgentMemory implements MemoryHook, AutoCloseable {
    /** Why a request got no memory under {@code project} storage. */
    public static final String NO_PROJECT = "no project resolved (send x-headroom-project-id or x-headroom-cwd, or "
            + "state a working directory in the system prompt); project storage fails closed";

    private final MemorySettings settings;
    private final MemoryStores stores;
    private final Optional<Learner> learner;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong noProject = new AtomicLong();
    private final AtomicLong toolsInjected = new AtomicLong();
    private final AtomicLong clashes = new AtomicLong();
    private final AtomicLong contextBlocks = new AtomicLong();
    private final AtomicLong memoriesInjected = new AtomicLong();
    private final AtomicLong toolCalls = new AtomicLong();
    private final AtomicLong appliedAside = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastSkip = new AtomicReference<>();

    public AgentMemory(MemorySettings settings) {
        this.settings = settings;
        this.stores = new MemoryStores(settings.clock());
        this.learner = settings.learn() ? Optional.of(new Learner(settings.minEvidence())) : Optional.empty();
    }

    public MemorySettings settings() {
        return settings;
    }

    /** The store a request of {@code project} uses (opened on first use); empty under project storage without one. */
    public Optional<MemoryStore> store(Optional<String> project) {
        if (settings.storage() == MemoryStorage.PROJECT && project.isEmpty()) {
            return Optional.empty();
        }
        Path file = settings.storage().file(settings.home(), project);
        return Optional.of(stores.get(file, settings.storage().scope(project)));
    }

    @Override
    public Prepared prepare(Headers headers, byte[] body, WireFormat format) {
        if (!settings.enabled()) {
            return Prepared.unchanged(body);
        }
        if (format == WireFormat.GEMINI) { // memory tools and context have no Gemini shape yet
            lastSkip.set("Gemini routes are not served by memory");
            return Prepared.unchanged(body);
        }
        requests.incrementAndGet();
        JsonNode root;
        try {
            root = JsonCodec.parse(body);
        } catch (RuntimeException e) {
            return Prepared.unchanged(body);
        }
        if (!root.isObject()) {
            return Prepared.unchanged(body);
        }
        ObjectNode request = (ObjectNode) root;
        Optional<String> project = ProjectResolver.resolve(headers, request, format).map(ProjectResolver.Project::key);
        if (settings.storage() == MemoryStorage.PROJECT && project.isEmpty()) {
            noProject.incrementAndGet();
            lastSkip.set(NO_PROJECT);
            return Prepared.unchanged(body);
        }
        MemoryStore store;
        try {
            store = store(project).orElseThrow();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastSkip.set("the memory file could not be opened");
            return Prepared.unchanged(body);
        }
        learner.ifPresent(l -> l.observe(request, format, store));
        List<String> transforms = new ArrayList<>();
        Optional<ServedTools> tools = Optional.empty();
        boolean changed = false;
        if (settings.tools()) {
            switch (MemoryTools.inject(request, format)) {
                case INJECTED -> {
                    toolsInjected.incrementAndGet();
                    tools = Optional.of(counting(new MemoryToolHandler(store)));
                    transforms.add("memory_tools");
                    changed = true;
                }
                case CLASH -> {
                    clashes.incrementAndGet();
                    lastSkip.set("the client declares a tool named like a memory tool; memory tools not injected");
                }
                case NOT_POSSIBLE -> {
                }
            }
        }
        if (settings.context() && settings.topK() > 0) {
            Optional<String> query = MemoryContext.latestUserText(request, format);
            List<Memory> found = query.map(q -> store.search(q, settings.topK())).orElse(List.of());
            List<Memory> used = new ArrayList<>();
            Optional<String> block = MemoryContext.block(found, settings.contextTokens() * 4, used);
            if (block.isPresent() && MemoryContext.append(request, format, block.get())) {
                store.touch(MemoryContext.ids(used));
                contextBlocks.incrementAndGet();
                memoriesInjected.addAndGet(used.size());
                transforms.add("memory_context:" + used.size());
                changed = true;
            }
        }
        return changed ? new Prepared(JsonCodec.writeBytes(request), tools, transforms) : Prepared.unchanged(body);
    }

    private ServedTools counting(MemoryToolHandler handler) {
        return new ServedTools() {
            @Override
            public boolean serves(String name) {
                return handler.serves(name);
            }

            @Override
            public Optional<RetrieveToolHandler.Answer> answer(JsonNode call) {
                Optional<RetrieveToolHandler.Answer> a = handler.answer(call);
                a.ifPresent(x -> toolCalls.incrementAndGet());
                return a;
            }

            @Override
            public void applyAside(JsonNode call) {
                if (MemoryToolHandler.changesMemory(ServedTools.nameOf(call))) {
                    handler.applyAside(call);
                    appliedAside.incrementAndGet();
                }
            }
        };
    }

    @Override
    public Optional<ObjectNode> stats() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("enabled", settings.enabled());
        if (!settings.enabled()) {
            return Optional.of(o);
        }
        o.put("storage", settings.storage().label());
        o.put("tools", settings.tools());
        o.put("context", settings.context());
        o.put("top_k", settings.topK());
        o.put("learn", settings.learn());
        o.put("requests", requests.get());
        o.put("no_project", noProject.get());
        o.put("tools_injected", toolsInjected.get());
        o.put("tool_name_clashes", clashes.get());
        o.put("tool_calls_served", toolCalls.get());
        o.put("tool_calls_applied_beside_client_calls", appliedAside.get());
        o.put("context_blocks", contextBlocks.get());
        o.put("memories_injected", memoriesInjected.get());
        learner.ifPresent(l -> o.put("learned_saved", l.saved()));
        o.put("failures", failures.get());
        String skip = lastSkip.get();
        if (skip != null) {
            o.put("last_skip_reason", skip);
        }
        return Optional.of(o);
    }

    @Override
    public void close() {
        stores.close();
    }
}
