package dev.headroom.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The entry point of the library.
 *
 * <pre>{@code
 * CompressionResult result = Headroom.compress(requestJson);   // compressors found on the classpath
 * send(result.bytes());
 *
 * HeadroomEngine headroom = Headroom.builder().lossless(true).protectTools("read_secrets").build();
 * CompressionResult r = headroom.compress(requestJson);
 * }</pre>
 *
 * <p>The static methods use one shared {@link HeadroomEngine} with the defaults and every compressor found on
 * the classpath. See {@link HeadroomEngine} for what compression does and does not touch.
 */
public final class Headroom {
    private Headroom() {
    }

    private static final class DefaultInstance {
        static final HeadroomEngine INSTANCE = HeadroomEngine.builder().build();
    }

    /** The shared engine with the defaults and the compressors found on the classpath. */
    public static HeadroomEngine defaultEngine() {
        return DefaultInstance.INSTANCE;
    }

    /** A builder for an engine with its own settings. */
    public static HeadroomEngine.Builder builder() {
        return HeadroomEngine.builder();
    }

    /** Compresses a request (JSON text) with the shared engine. */
    public static CompressionResult compress(String requestJson) {
        return defaultEngine().compress(requestJson);
    }

    /** Compresses a request (UTF-8 JSON bytes) with the shared engine. */
    public static CompressionResult compress(byte[] requestJson) {
        return defaultEngine().compress(requestJson);
    }

    /** Compresses a request tree with the shared engine; the tree itself is not modified. */
    public static CompressionResult compress(JsonNode request) {
        return defaultEngine().compress(request);
    }
}
