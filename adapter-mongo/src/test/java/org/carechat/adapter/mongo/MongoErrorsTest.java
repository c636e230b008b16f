package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.carechat.application.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;

final class MongoErrorsTest {
    private static final ServerAddress SERVER = new ServerAddress("db.example", 27017);

    @Test
    void a_database_that_cannot_be_reached_or_does_not_answer_in_time_is_unavailable() {
        for (RuntimeException e : new RuntimeException[] {
                new MongoTimeoutException("no server selected"),
                new MongoSocketOpenException("refused", SERVER, new IOException("refused")),
                new MongoSocketReadTimeoutException("slow", SERVER, new SocketTimeoutException()),
                new MongoNotPrimaryException(commandError(10107, "NotWritablePrimary"), SERVER),
                new MongoNodeIsRecoveringException(commandError(11600, "InterruptedAtShutdown"), SERVER),
                new MongoCommandException(commandError(91, "ShutdownInProgress"), SERVER)}) {
            assertThatThrownBy(() -> MongoErrors.call("test", () -> {
                throw e;
            })).as(e.getClass().getSimpleName()).isInstanceOf(StoreUnavailableException.class).hasCause(e);
        }
    }

    @Test
    void other_failures_pass_unchanged() {
        MongoCommandException badCommand = new MongoCommandException(commandError(2, "BadValue"), SERVER);

        assertThatThrownBy(() -> MongoErrors.call("test", () -> {
            throw badCommand;
        })).isSameAs(badCommand);
    }

    @Test
    void a_duplicate_key_names_the_unique_index_that_refused_it() {
        MongoWriteException duplicate = new MongoWriteException(new WriteError(11000,
                "E11000 duplicate key error collection: carechat.messages index: conversation_seq dup key: "
                        + "{ conversationId: \"c_1\", seq: 7 }", new BsonDocument()), SERVER, java.util.Set.of());
        MongoWriteException other = new MongoWriteException(new WriteError(2, "bad", new BsonDocument()), SERVER,
                java.util.Set.of());

        assertThat(MongoErrors.duplicateKeyIndex(duplicate)).contains("conversation_seq");
        assertThat(MongoErrors.duplicateKeyIndex(other)).isEmpty();
    }

    private static BsonDocument commandError(int code, String name) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name)).append("errmsg", new BsonString(name));
    }
}
