package dev.headroom.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;

/** Opens a page in the user's browser, where the platform allows it. */
@FunctionalInterface
interface BrowserOpener {

    /** Opens {@code uri}; false when no browser could be opened (never throws). */
    boolean open(URI uri);

    /**
     * {@link java.awt.Desktop} when the platform supports browsing: false on headless machines, on runtimes
     * without the desktop module and wherever the attempt fails.
     */
    static BrowserOpener desktop() {
        return uri -> {
            try {
                if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
                    return false;
                }
                Desktop desktop = Desktop.getDesktop();
                if (!desktop.isSupported(Desktop.Action.BROWSE)) {
                    return false;
                }
                desktop.browse(uri);
                return true;
            } catch (Exception | LinkageError e) {
                return false;
            }
        };
    }
}
