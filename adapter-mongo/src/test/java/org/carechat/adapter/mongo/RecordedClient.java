package org.carechat.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bson.BsonDocument;

/**
 * A client on a fresh database of the test's server that records every command the driver sends, and may run
 * something of the test's own just before a command goes out (another writer slipping in between two writes).
 */
final class RecordedClient implements AutoCloseable {
    private final MongoClient client;
    private final String databaseName;
    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    private volatile Consumer<BsonDocument> beforeEach = command -> { };

    RecordedClient(TestMongo mongo) {
        MongoStoreSettings settings = mongo.freshSettings();
        this.databaseName = settings.databaseName();
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        BsonDocument command = event.getCommand().clone();
                        commands.add(command);
                        beforeEach.accept(command);
                    }
                })
                .build());
        MongoIndexes.createAll(database());
    }

    MongoDatabase database() {
        return client.getDatabase(databaseName);
    }

    /** The commands sent since the last {@link #clear}, in order. */
    List<BsonDocument> commands() {
        return List.copyOf(commands);
    }

    /** The names of the commands sent since the last {@link #clear}, each with its collection. */
    List<String> names() {
        return commands().stream().map(command -> {
            String name = command.getFirstKey();
            return command.get(name).isString() ? name + " " + command.getString(name).getValue() : name;
        }).toList();
    }

    void clear() {
        commands.clear();
    }

    /** Runs {@code action} with each command just before it is sent, on the sending thread. */
    void beforeEach(Consumer<BsonDocument> action) {
        beforeEach = action;
    }

    @Override
    public void close() {
        client.close();
    }
}
