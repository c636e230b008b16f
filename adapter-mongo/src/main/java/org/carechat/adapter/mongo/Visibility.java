package org.carechat.adapter.mongo;

import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.carechat.application.port.StoreUnavailableException;

/**
 * Waits, briefly, to see a document that a duplicate key error proved to exist. With read concern
 * {@code majority} the winner of a race may be stored on the primary but not yet readable at that level;
 * it becomes readable as soon as a majority has it.
 */
final class Visibility {
    private static final int ATTEMPTS = 50;
    private static final long PAUSE_NANOS = 20_000_000L;

    private Visibility() {
    }

    static <T> T await(Supplier<Optional<T>> read, RuntimeException proof) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<T> found = read.get();
            if (found.isPresent()) {
                return found.get();
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        throw new StoreUnavailableException("a stored document did not become readable in time", proof);
    }
}
