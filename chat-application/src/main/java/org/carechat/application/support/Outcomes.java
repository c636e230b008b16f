package org.carechat.application.support;

import java.util.function.Supplier;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;

/**
 * Turns the work of a use case into its {@link Result}: refusals and store outages become failures, and so does a
 * change that still collided with other writers after every attempt ({@code UNAVAILABLE}: nothing was stored).
 */
public final class Outcomes {
    private Outcomes() {
    }

    public static <T> Result<T> attempt(Supplier<T> work) {
        try {
            return Result.ok(work.get());
        } catch (Refusal refusal) {
            return Result.err(refusal.failure());
        } catch (StoreUnavailableException unavailable) {
            return Result.err(new ChatFailure.Unavailable("the store is unavailable, try again"));
        } catch (ChangeConflict busy) {
            // other writers (other nodes of a cluster) won every attempt: nothing was stored, the client may retry
            return Result.err(new ChatFailure.Unavailable("the conversation is changing too fast, try again"));
        }
    }
}
