package org.carechat.application.messaging;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageView;

/** Messages of the actor's conversations whose text contains the query, newest first. */
public interface SearchMessagesUseCase {

    Result<List<MessageView>> search(SearchMessages command);

    record SearchMessages(Actor actor, String query, Integer limit) {
    }
}
