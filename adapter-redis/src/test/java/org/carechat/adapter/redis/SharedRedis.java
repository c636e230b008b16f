package org.carechat.adapter.redis;

import io.lettuce.core.RedisClient;

/** One redis-server and one client for the tests of this module that need no outage of their own, stopped when the JVM ends. */
final class SharedRedis {
    private static RedisServer server;
    private static RedisClient client;

    private SharedRedis() {
    }

    static synchronized RedisClient client() {
        if (client == null) {
            server = RedisServer.start();
            client = RedisEventBus.client(server.uri());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.shutdown();
                server.close();
            }));
        }
        return client;
    }
}
