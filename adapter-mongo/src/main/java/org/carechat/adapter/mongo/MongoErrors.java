package org.carechat.adapter.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoStalePrimaryException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carechat.application.port.StoreUnavailableException;

/**
 * The one place that decides what a driver exception means. An exception that says the database could not
 * be reached or did not answer in time becomes a {@link StoreUnavailableException}, which use cases answer
 * as {@code UNAVAILABLE}; the driver reconnects by itself once the database is back. Anything else (a bug,
 * a refused document) passes unchanged.
 */
final class MongoErrors {
    /**
     * Server error codes that mean "not now, try again": the node is shutting down, stepping down, not the
     * primary, recovering, out of time, or the network failed between members.
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(
            6,     // HostUnreachable
            7,     // HostNotFound
            50,    // MaxTimeMSExpired
            64,    // WriteConcernFailed
            89,    // NetworkTimeout
            91,    // ShutdownInProgress
            134,   // ReadConcernMajorityNotAvailableYet
            189,   // PrimarySteppedDown
            262,   // ExceededTimeLimit
            9001,  // SocketException
            10107, // NotWritablePrimary
            11600, // InterruptedAtShutdown
            11602, // InterruptedDueToReplStateChange
            13435, // NotPrimaryNoSecondaryOk
            13436  // NotPrimaryOrSecondary
    );
    /** The label the server puts on a write that failed for a transient reason and may be retried. */
    private static final String RETRYABLE_WRITE_ERROR_LABEL = "RetryableWriteError";
    private static final Pattern DUPLICATE_KEY_INDEX = Pattern.compile("index: (\\S+) dup key");

    private MongoErrors() {
    }

    /** Runs a store operation, translating "the database is unavailable" into {@link StoreUnavailableException}. */
    static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (MongoException e) {
            if (isUnavailable(e)) {
                throw new StoreUnavailableException("the database did not answer in time: " + operation, e);
            }
            throw e;
        }
    }

    static void run(String operation, Runnable action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    static boolean isUnavailable(MongoException e) {
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoExecutionTimeoutException || e instanceof MongoConnectionPoolClearedException
                || e instanceof MongoServerUnavailableException || e instanceof MongoStalePrimaryException
                || e instanceof MongoWriteConcernException) {
            return true;
        }
        if (e.hasErrorLabel(RETRYABLE_WRITE_ERROR_LABEL)
                || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel(MongoException.SYSTEM_OVERLOADED_ERROR_LABEL)) {
            return true;
        }
        int code = e instanceof MongoWriteException write ? write.getError().getCode() : e.getCode();
        return UNAVAILABLE_CODES.contains(code);
    }

    /**
     * The name of the unique index that refused a write as a duplicate, if that is why {@code e} was thrown.
     * MongoDB and mongo-java-server both name it in the message ({@code E11000 ... index: NAME dup key: ...}).
     */
    static Optional<String> duplicateKeyIndex(MongoException e) {
        boolean duplicate = e instanceof MongoWriteException write
                ? write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                : ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
        if (!duplicate) {
            return Optional.empty();
        }
        String message = e instanceof MongoWriteException write ? write.getError().getMessage() : e.getMessage();
        Matcher matcher = DUPLICATE_KEY_INDEX.matcher(message == null ? "" : message);
        return Optional.of(matcher.find() ? matcher.group(1) : "");
    }
}
