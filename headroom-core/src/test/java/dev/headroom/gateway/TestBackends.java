package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;

import java.net.URI;
import java.util.Optional;

/** Backend providers for discovery tests, listed in {@code discovery/backends}. */
public final class TestBackends {
    private TestBackends() {
    }

    /** A minimal backend with a given name. */
    abstract static class Named implements Backend {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public URI defaultBaseUrl() {
            return URI.create("http://127.0.0.1:1");
        }

        @Override
        public boolean isAuthHeader(String lowerCaseName) {
            return false;
        }

        @Override
        public String errorBody(int status, String type, String message) {
            return "{}";
        }

        @Override
        public Optional<Usage> usageFromResponse(JsonNode responseBody) {
            return Optional.empty();
        }
    }

    /** Takes the built-in name {@code openai}; its class name sorts first. */
    public static final class AlphaOpenAi extends Named {
        public AlphaOpenAi() {
            super("openai");
        }
    }

    /** Also takes {@code openai}; loses to {@link AlphaOpenAi} by class name. */
    public static final class BetaOpenAi extends Named {
        public BetaOpenAi() {
            super("openai");
        }
    }

    /** A backend with a new name. */
    public static final class Echo extends Named {
        public Echo() {
            super("echo");
        }
    }
}
