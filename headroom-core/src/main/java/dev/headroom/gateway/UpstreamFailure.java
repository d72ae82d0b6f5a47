package dev.headroom.gateway;

/** The upstream could not be reached or did not answer in time; carries what the client is told. */
final class UpstreamFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    UpstreamFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }
}
