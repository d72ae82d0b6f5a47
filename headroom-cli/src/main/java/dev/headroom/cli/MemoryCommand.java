package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.HeadroomHome;
import dev.headroom.memory.agent.Memory;
import dev.headroom.memory.agent.MemoryStorage;
import dev.headroom.memory.agent.MemoryStore;
import dev.headroom.memory.agent.ProjectResolver;
import dev.headroom.wire.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code headroom memory}: the agent memory store the proxy's {@code --memory} uses, from the command line. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = {"Inspect and edit the agent memory of `headroom proxy --memory`.",
                "The store is chosen like the proxy's: --storage project (default; --project, else the current directory), user or global."},
        footer = {"", "Examples:",
                "  headroom memory list --project ~/src/app",
                "  headroom memory search --project ~/src/app deploy",
                "  headroom memory edit 3 --project ~/src/app --text \"Use ./ship.sh\"",
                "  headroom memory export --storage user -o memories.jsonl",
                "  headroom memory import --project my-project-id memories.jsonl",
                "  headroom memory prune --project ~/src/app --unused-days 30"},
        subcommands = {MemoryCommand.ListMemories.class, MemoryCommand.Search.class, MemoryCommand.Show.class,
                MemoryCommand.Edit.class, MemoryCommand.Delete.class, MemoryCommand.Export.class,
                MemoryCommand.Import.class, MemoryCommand.Prune.class})
final class MemoryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Which store a subcommand works on. */
    static final class Target {
        @Option(names = "--storage", paramLabel = "project|user|global", defaultValue = "${env:HEADROOM_MEMORY_STORAGE:-project}",
                description = "Which memory file (default ${DEFAULT-VALUE}).")
        String storage;

        @Option(names = "--project", paramLabel = "PATH_OR_ID",
                description = "The project under project storage: its x-headroom-project-id, or its directory (default: the current directory).")
        String project;

        MemoryStore open() {
            MemoryStorage s = MemoryStorage.parse(storage);
            // the proxy keys a project by its id as sent, or by its directory without a trailing slash
            String key = project == null ? Path.of("").toAbsolutePath().toString() : project.strip();
            Optional<String> p = s != MemoryStorage.PROJECT ? Optional.empty()
                    : Optional.of(key.contains("/") || key.contains("\\") ? ProjectResolver.normalise(key) : key);
            return MemoryStore.open(s.file(HeadroomHome.directory(), p), s.scope(p), Clock.systemUTC());
        }
    }

    /** Base of the subcommands: a store, an output, exit 2 with a message on bad input. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            try (MemoryStore store = target.open()) {
                return run(store, spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("headroom: error: " + e.getMessage());
                return 2;
            } finally {
                spec.commandLine().getOut().flush();
            }
        }

        abstract int run(MemoryStore store, PrintWriter out) throws IOException;

        int missing(long id) {
            spec.commandLine().getErr().println("headroom: error: no memory " + id);
            return 2;
        }
    }

    static String line(Memory m) {
        return m.id() + "\t" + m.category() + (m.learned() ? " (learned)" : "") + "\t" + m.text().replace("\n", " ");
    }

    static ObjectNode json(Memory m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", m.id());
        o.put("text", m.text());
        o.put("scope", m.scope());
        o.put("category", m.category());
        o.put("importance", m.importance());
        o.put("created", m.created().toString());
        o.put("updated", m.updated().toString());
        o.put("access_count", m.accessCount());
        if (m.supersedes().isPresent()) {
            o.put("supersedes", m.supersedes().get());
        }
        o.put("learned", m.learned());
        return o;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List current memories, oldest first: id, category, text.")
    static final class ListMemories extends Sub {
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(MemoryStore store, PrintWriter out) {
            store.list(limit, 0).forEach(m -> out.println(line(m)));
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Search memories by words, most relevant first (BM25).")
    static final class Search extends Sub {
        @Parameters(arity = "1..*", paramLabel = "WORDS")
        List<String> words;

        @Option(names = "--limit", defaultValue = "10", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(MemoryStore store, PrintWriter out) {
            store.search(String.join(" ", words), limit).forEach(m -> out.println(line(m)));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one memory as JSON.")
    static final class Show extends Sub {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(MemoryStore store, PrintWriter out) {
            Optional<Memory> m = store.get(id);
            if (m.isEmpty()) {
                return missing(id);
            }
            out.println(JsonCodec.write(json(m.get())));
            return 0;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a memory's text, category or importance.")
    static final class Edit extends Sub {
        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--text")
        String text;

        @Option(names = "--category")
        String category;

        @Option(names = "--importance", description = "0 to 1.")
        Double importance;

        @Override
        int run(MemoryStore store, PrintWriter out) {
            Optional<Memory> m = store.update(id, text, category, importance);
            if (m.isEmpty()) {
                return missing(id);
            }
            out.println(line(m.get()));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a memory.")
    static final class Delete extends Sub {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(MemoryStore store, PrintWriter out) {
            if (!store.delete(id)) {
                return missing(id);
            }
            out.println("deleted " + id);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write every memory as JSON lines (to stdout or --output).")
    static final class Export extends Sub {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE")
        Path output;

        @Override
        int run(MemoryStore store, PrintWriter out) throws IOException {
            StringBuilder b = new StringBuilder();
            store.all().forEach(m -> b.append(JsonCodec.write(json(m))).append('\n'));
            if (output == null) {
                out.print(b);
            } else {
                Files.writeString(output, b, StandardCharsets.UTF_8);
                out.println("exported " + store.all().size() + " memories to " + output);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add memories from JSON lines (an export; only text is required). A text already stored is skipped.")
    static final class Import extends Sub {
        @Parameters(paramLabel = "FILE", description = "The file, or - for standard input.")
        String file;

        @Override
        int run(MemoryStore store, PrintWriter out) throws IOException {
            int added = 0;
            int skipped = 0;
            int lineNo = 0;
            try (BufferedReader in = file.equals("-") ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    Memory m;
                    try {
                        m = parse(JsonCodec.parse(line));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + ": " + OneLine.of(e));
                    }
                    if (store.importMemory(m).isPresent()) {
                        added++;
                    } else {
                        skipped++;
                    }
                }
            }
            out.println("imported " + added + ", skipped " + skipped + " already stored");
            return 0;
        }

        private static Memory parse(JsonNode o) {
            if (!o.path("text").isTextual()) {
                throw new IllegalArgumentException("a memory needs a text");
            }
            Instant now = Instant.now();
            Instant created = o.path("created").isTextual() ? Instant.parse(o.path("created").asText()) : now;
            Instant updated = o.path("updated").isTextual() ? Instant.parse(o.path("updated").asText()) : created;
            return new Memory(0, o.path("text").asText(), "", o.path("category").asText("fact"),
                    o.path("importance").asDouble(0.5), created, updated, o.path("access_count").asLong(0),
                    Optional.empty(), o.path("learned").asBoolean(false));
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete superseded memories, and memories never used that did not change for --unused-days.")
    static final class Prune extends Sub {
        @Option(names = "--unused-days", defaultValue = "90", description = "Default ${DEFAULT-VALUE}.")
        int unusedDays;

        @Override
        int run(MemoryStore store, PrintWriter out) {
            if (unusedDays < 0) {
                throw new IllegalArgumentException("--unused-days must not be negative");
            }
            out.println("pruned " + store.prune(Instant.now().minus(Duration.ofDays(unusedDays))) + " memories");
            return 0;
        }
    }
}
