package org.carechat.adapter.sqlite;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.carechat.domain.message.Message;

/**
 * A store in another process, for the tests that need one: {@code append FILE DURABILITY} appends messages from
 * three threads and prints {@code acked SEQ ID KEY} for each acknowledged one, until it is killed (or has appended
 * {@value #MAX_APPENDS}); {@code try-open FILE} opens the store and prints {@code opened} or {@code refused MESSAGE}.
 * Nothing of a message's content is printed.
 */
public final class SqliteChild {
    private static final int MAX_APPENDS = 200_000;
    private static final int THREADS = 3;

    private SqliteChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "append" -> append(SqliteSettings.of(file).withTimeout(Duration.ofSeconds(30))
                    .withDurability(SqliteSettings.Durability.valueOf(args[2])), out);
            case "try-open" -> {
                try (SqliteStore store = SqliteStore.open(SqliteSettings.of(file))) {
                    out.println("opened");
                } catch (IllegalStateException e) {
                    out.println("refused " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void append(SqliteSettings settings, PrintStream out) throws InterruptedException {
        SqliteStore store = SqliteStore.open(settings);
        store.conversations().getOrCreateDirect(Drafts.conversation());
        out.println("ready");
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                for (int n = next.incrementAndGet(); n <= MAX_APPENDS; n = next.incrementAndGet()) {
                    Message message = store.messages().append(Drafts.text(Drafts.CONVERSATION, "m_" + n,
                            n % 2 == 0 ? Drafts.DOCTOR : Drafts.PATIENT, "message " + n, "key-" + n, n)).message();
                    synchronized (out) {
                        out.println("acked " + message.seq() + " " + message.id().value() + " " + message.clientMessageId());
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        store.close();
    }
}
