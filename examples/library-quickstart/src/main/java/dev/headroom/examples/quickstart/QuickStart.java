package dev.headroom.examples.quickstart;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Compresses a realistic agent request (a user question, a tool call, and 600 lines of service log in
 * the tool result) and prints what was saved. Run: {@code ./mvnw -q -pl examples/library-quickstart exec:java}.
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static CompressionResult run(PrintStream out) {
        String request = AgentRequest.withServiceLog(600);

        CompressionResult result = Headroom.compress(request);   // compressors found on the classpath

        out.printf(Locale.ROOT, "tokens before: %d%ntokens after:  %d%nsaved:         %d (%.1f%%)%n",
                result.tokensBefore(), result.tokensAfter(), result.tokensSaved(), 100 * result.savingsRatio());
        out.println("transforms:    " + result.transforms());
        out.println("retained:      " + result.retainedHashes() + " (fetch with Headroom.defaultEngine().retrieve(hash))");
        return result;
    }
}
