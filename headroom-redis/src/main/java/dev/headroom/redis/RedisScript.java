package dev.headroom.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A Lua script sent by its SHA-1 ({@code EVALSHA}), and in full ({@code EVAL}) only when Redis lacks it. */
final class RedisScript {
    private final String source;
    private final String sha;

    RedisScript(String source) {
        this.source = Objects.requireNonNull(source, "source");
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** Runs the script on {@code c}; one round trip unless Redis was restarted since it last ran. */
    <T> T run(RedisCommands<String, String> c, ScriptOutputType type, String[] keys, String... args) {
        try {
            return c.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException notLoaded) { // a fresh or restarted Redis: EVAL loads it
            return c.eval(source, type, keys, args);
        }
    }
}
