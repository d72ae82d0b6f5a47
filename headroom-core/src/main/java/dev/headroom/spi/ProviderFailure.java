package dev.headroom.spi;

/**
 * A provider that {@link Providers} could not load or instantiate.
 *
 * @param providerName the provider's class name as listed, or the service file's wording when the class
 *                     itself could not be named
 * @param cause        the error
 */
public record ProviderFailure(String providerName, Throwable cause) {
    /** A one-line description: the provider and what went wrong. */
    public String describe() {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return providerName + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }
}
