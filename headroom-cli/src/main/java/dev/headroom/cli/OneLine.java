package dev.headroom.cli;

/** One-line error messages for the terminal: no stack traces. */
final class OneLine {
    private OneLine() {
    }

    static String of(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
