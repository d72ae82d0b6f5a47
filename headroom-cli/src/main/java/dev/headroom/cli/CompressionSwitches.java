package dev.headroom.cli;

import dev.headroom.core.HeadroomEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Switches of the compression pipeline shared by {@code proxy}, {@code compress} and {@code bench-corpus} (a
 * picocli mixin): protected tools, code-aware outlines, the read lifecycle and the Read interceptor.
 */
final class CompressionSwitches {

    @Option(names = "--protect-tool-results", arity = "0..1", fallbackValue = "*", paramLabel = "NAMES",
            defaultValue = "${env:HEADROOM_PROTECT_TOOL_RESULTS:-}",
            description = {"Comma-separated tool names whose results are never compressed (e.g. Bash,WebFetch), matched "
                    + "without regard to case against the tool_use / function call each result answers. '*' or 'all' "
                    + "(also the bare flag, or 'true') protects every tool. Env: HEADROOM_PROTECT_TOOL_RESULTS."})
    String protectToolResults;

    @Option(names = "--code-aware", negatable = true, fallbackValue = "true", converter = Switch.class,
            defaultValue = "${env:HEADROOM_CODE_AWARE_ENABLED:-true}",
            description = {"Source code as outlines: declarations and signatures kept, bodies elided behind a retrieval "
                    + "marker (default on; the newest read of each file stays whole unless --intercept-tool-results). "
                    + "--no-code-aware leaves source code as it is. Env: HEADROOM_CODE_AWARE_ENABLED=true|false."})
    boolean codeAware;

    @Option(names = "--no-read-lifecycle", converter = Switch.class, defaultValue = "${env:HEADROOM_NO_READ_LIFECYCLE:-false}",
            description = {"No stale-read rewrites: a read of a file that was edited and read again later, and a failed "
                    + "edit's views of it, are left as they were. Env: HEADROOM_NO_READ_LIFECYCLE."})
    boolean noReadLifecycle;

    @Option(names = "--intercept-tool-results", converter = Switch.class,
            defaultValue = "${env:HEADROOM_INTERCEPT_TOOL_RESULTS:-false}",
            description = {"Opt in to tool-result interceptors: a Read of a whole source file becomes its outline plus a "
                    + "retrieval marker even when it is the newest read (not a line range, not a file read before). "
                    + "Needs --code-aware. Env: HEADROOM_INTERCEPT_TOOL_RESULTS."})
    boolean interceptToolResults;

    /** The tools to protect: empty for none, {@code ["*"]} for all. */
    List<String> protectedTools() {
        return parseTools(protectToolResults);
    }

    /** A problem with the combination of switches, to report as a usage error. */
    Optional<String> conflict() {
        if (interceptToolResults && !codeAware) {
            return Optional.of("--intercept-tool-results outlines source files, which --no-code-aware turns off");
        }
        return Optional.empty();
    }

    /** Applies the switches to an engine builder. */
    HeadroomEngine.Builder apply(HeadroomEngine.Builder builder) {
        List<String> tools = protectedTools();
        if (tools.equals(List.of("*"))) {
            builder.protectAllToolResults(true);
        } else {
            builder.protectTools(tools.toArray(String[]::new));
        }
        return builder.codeAware(codeAware).readLifecycle(!noReadLifecycle).interceptToolResults(interceptToolResults);
    }

    /** One banner line. */
    String describe() {
        List<String> tools = protectedTools();
        String protect = tools.isEmpty() ? "none" : tools.equals(List.of("*")) ? "all tools" : String.join(",", tools);
        return "  protected tools: " + protect + "; code-aware: " + (codeAware ? "on" : "off")
                + "; read lifecycle: " + (noReadLifecycle ? "off" : "on")
                + "; Read interceptor: " + (interceptToolResults ? "on" : "off");
    }

    /**
     * Tool names from a comma-separated list: {@code *}, {@code all} or {@code true} stand for every tool (the
     * option was a plain flag before), an empty value or {@code false} or {@code none} for none.
     */
    static List<String> parseTools(String value) {
        String v = value == null ? "" : value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("false") || lower.equals("none")) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : v.split(",")) {
            String n = name.strip();
            String l = n.toLowerCase(Locale.ROOT);
            if (l.equals("*") || l.equals("all") || l.equals("true")) {
                return List.of("*");
            }
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return new ArrayList<>(names);
    }

    /** A boolean that also reads the usual spellings of environment variables: 1/0, yes/no, on/off. */
    static final class Switch implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off", "" -> false;
                default -> throw new TypeConversionException("'" + value + "' is not a boolean (true/false, 1/0, yes/no, on/off)");
            };
        }
    }
}
