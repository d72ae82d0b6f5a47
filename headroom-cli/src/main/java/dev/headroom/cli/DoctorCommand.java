package dev.headroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code headroom doctor}: checks a running proxy and this shell's setup (see {@link Doctor}) and prints one
 * line per check with ✓, ⚠ or ✗ and a hint for each problem, or with {@code --json} one JSON object
 * ({@code overall}, {@code proxy}, {@code checks} of {@code name}, {@code status}, {@code detail}, {@code hint}).
 * Exit 0 when every check passed, 1 with warnings only, 2 when any check failed.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the proxy, this shell's base URLs, the stores and recent savings.",
                "Exit 0 healthy, 1 warnings, 2 failure."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "Proxy host (default $HEADROOM_HOST or 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Proxy port (default $HEADROOM_PORT or 8787).")
    Integer port;

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    private final Map<String, String> env;

    /** Reads the process environment. */
    DoctorCommand() {
        this(System.getenv());
    }

    /** Reads {@code env} instead of the process environment (for tests). */
    DoctorCommand(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        String h = host != null ? host : env.getOrDefault("HEADROOM_HOST", "127.0.0.1");
        int p;
        try {
            p = port != null ? port : Integer.parseInt(env.getOrDefault("HEADROOM_PORT", "8787").strip());
        } catch (NumberFormatException e) {
            spec.commandLine().getErr().println("headroom: error: HEADROOM_PORT is not a port number: " + env.get("HEADROOM_PORT"));
            spec.commandLine().getErr().flush();
            return 2;
        }
        Doctor doctor = new Doctor(h, p, env);
        List<DoctorCheck> checks = doctor.run();
        DoctorCheck.Status overall = checks.stream().map(DoctorCheck::status)
                .max(Enum::compareTo).orElse(DoctorCheck.Status.OK);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonCodec.write(json(doctor.base(), overall, checks)));
        } else {
            out.println("Headroom doctor: " + doctor.base());
            checks.forEach(c -> out.println(c.line()));
        }
        out.flush();
        return overall.ordinal();
    }

    private static ObjectNode json(String base, DoctorCheck.Status overall, List<DoctorCheck> checks) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("overall", overall.label);
        root.put("proxy", base);
        ArrayNode array = root.putArray("checks");
        for (DoctorCheck c : checks) {
            ObjectNode o = array.addObject();
            o.put("name", c.name());
            o.put("status", c.status().label);
            o.put("detail", c.detail());
            o.put("hint", c.hint());
        }
        return root;
    }
}
