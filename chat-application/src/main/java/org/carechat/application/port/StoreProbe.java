package org.carechat.application.port;

/** Tells whether the store answers now; health checks ask it, cheaply and within a bounded time. */
@FunctionalInterface
public interface StoreProbe {

    boolean answers();
}
