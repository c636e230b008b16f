package org.carechat.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/** A small REST client of the server (java.net.http, HTTP/1.1): seeding through the admin API, history reads. */
public final class Rest implements AutoCloseable {
    private final URI base;
    private final ExecutorService executor;
    private final HttpClient client;

    public Rest(URI base) {
        this.base = base;
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "bench-http");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    public URI base() {
        return base;
    }

    public HttpRequest request(String method, String path, String token, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and requires a 2xx answer; answers the body. */
    public CompletableFuture<String> call(String method, String path, String token, String json) {
        HttpRequest request = request(method, path, token, json);
        return sendAsync(request).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        });
    }

    public String callNow(String method, String path, String token, String json) {
        try {
            HttpResponse<String> response = client.send(request(method, path, token, json), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs every task with at most {@code concurrency} at once; fails with the first failure. */
    public static void runAll(List<Supplier<CompletableFuture<?>>> tasks, int concurrency) {
        Semaphore permits = new Semaphore(concurrency);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (Supplier<CompletableFuture<?>> task : tasks) {
            if (!failures.isEmpty()) {
                break;
            }
            permits.acquireUninterruptibly();
            task.get().whenComplete((ok, failed) -> {
                if (failed != null) {
                    failures.add(failed);
                }
                permits.release();
            });
        }
        permits.acquireUninterruptibly(concurrency);
        if (!failures.isEmpty()) {
            Throwable first = failures.peek();
            throw new IllegalStateException("seeding failed (" + failures.size() + " failures): " + first, first);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
