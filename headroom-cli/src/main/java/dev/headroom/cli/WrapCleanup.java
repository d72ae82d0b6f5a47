package dev.headroom.cli;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a running {@code headroom wrap} must undo when it ends: the agent it runs, the proxy it started and that
 * proxy's record. Its shutdown hook is registered before anything is started, so a SIGTERM at any moment (even
 * between starting the proxy and writing its record) stops what exists and leaves no record behind; whatever
 * {@code wrap} adopts after the hook has run is undone at once.
 */
final class WrapCleanup {
    private final WrapRecords records;
    private final Thread hook = new Thread(this::onShutdown, "headroom-wrap-stop");
    private Process proxy;
    private Path record;
    private Process child;
    private boolean stopping;

    WrapCleanup(WrapRecords records) {
        this.records = records;
    }

    /** Registers the shutdown hook; call before starting anything. */
    WrapCleanup install() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** The proxy this wrap started; stopped at once when the wrap is already ending. */
    void adoptProxy(Process started) {
        synchronized (this) {
            if (!stopping) {
                proxy = started;
                return;
            }
        }
        WrapProxy.stop(started);
    }

    /** The started proxy's record; removed at once when the wrap is already ending. */
    void adoptRecord(Path written) {
        synchronized (this) {
            if (!stopping) {
                record = written;
                return;
            }
        }
        remove(written);
    }

    /** The agent; ended at once when the wrap is already ending. */
    void adoptChild(Process agent) {
        synchronized (this) {
            if (!stopping) {
                child = agent;
                return;
            }
        }
        agent.destroy();
    }

    /**
     * The normal end (the agent exited, or it could not be started): stops the proxy, removes its record and
     * unregisters the hook. When the JVM is already shutting down, the hook does this instead.
     */
    void finish() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running and undoes everything
        }
        stopAll();
    }

    private void onShutdown() {
        Process agent;
        synchronized (this) {
            agent = child;
        }
        // Ctrl-C reaches the agent too (same process group): give it a moment to finish on its own
        if (agent != null) {
            try {
                if (!agent.waitFor(5, TimeUnit.SECONDS)) {
                    agent.destroy();
                }
            } catch (InterruptedException e) {
                agent.destroy();
            }
        }
        stopAll();
    }

    private void stopAll() {
        Process p;
        Path r;
        synchronized (this) {
            stopping = true;
            p = proxy;
            r = record;
            proxy = null;
            record = null;
        }
        if (p != null) {
            WrapProxy.stop(p);
        }
        if (r != null) {
            remove(r);
        }
    }

    private void remove(Path file) {
        try {
            records.remove(file);
        } catch (RuntimeException ignored) {
            // a record left behind is reported by doctor and removed by unwrap
        }
    }
}
