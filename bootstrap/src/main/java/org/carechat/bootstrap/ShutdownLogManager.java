package org.carechat.bootstrap;

import java.util.logging.LogManager;

/**
 * java.util.logging's own shutdown hook resets every handler as soon as the JVM starts stopping, racing
 * the server's graceful shutdown, whose log lines were lost. This manager ignores that early reset; the
 * server's shutdown hook resets it once the server has stopped.
 */
public final class ShutdownLogManager extends LogManager {
    private volatile boolean stopped;

    @Override
    public void reset() {
        if (stopped || !shuttingDown()) {
            super.reset();
        }
    }

    /** Lets the final reset happen: call once the server has stopped. */
    void finish() {
        stopped = true;
        super.reset();
    }

    private static boolean shuttingDown() {
        try {
            Thread hook = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(hook);
            Runtime.getRuntime().removeShutdownHook(hook);
            return false;
        } catch (IllegalStateException alreadyStopping) {
            return true;
        }
    }
}
