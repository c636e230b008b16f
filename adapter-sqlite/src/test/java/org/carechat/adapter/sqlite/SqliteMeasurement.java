package org.carechat.adapter.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.user.UserId;

/**
 * Not a test: figures for the notes, measured on this machine, never asserted. Two measurements:
 *
 * <ul>
 *   <li>{@code sends THREADS SECONDS DURABILITY SHAPE}: THREADS senders, each in a conversation of its own, send
 *       for SECONDS; a send is a message, its conversation moved on and its audit entry, either as three writes of
 *       the ports ({@code ports}, how the use cases write today) or as one write operation ({@code unit}, what one
 *       atomic write per change will be). Prints sends per second and what each commit carried.</li>
 *   <li>{@code million}: a conversation of 1,000,000 messages; prints how long opening the file takes and the
 *       latency of the newest history page and of pages in the middle.</li>
 * </ul>
 *
 * <p>Run from the repository: {@code mvn -q -o -pl adapter-sqlite dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test} then
 * {@code java -cp adapter-sqlite/target/test-classes:adapter-sqlite/target/classes:$(cat /tmp/cp.txt)
 * org.carechat.adapter.sqlite.SqliteMeasurement sends 16 10 FULL unit}.
 */
public final class SqliteMeasurement {
    private static final AtomicLong IDS = new AtomicLong();
    private SqliteMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("carechat-sqlite-measurement");
        try {
            switch (args[0]) {
                case "sends" -> sends(directory, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        SqliteSettings.Durability.valueOf(args[3]), args[4].equals("unit"));
                case "million" -> million(directory);
                default -> throw new IllegalArgumentException("sends or million");
            }
        } finally {
            TestSqlite.delete(directory);
        }
    }

    private static void sends(Path directory, int threads, int seconds, SqliteSettings.Durability durability,
                              boolean unit) throws Exception {
        try (SqliteStore store = SqliteStore.open(SqliteSettings.of(directory.resolve("carechat.db"))
                .withDurability(durability))) {
            for (int t = 0; t < threads; t++) {
                store.conversations().getOrCreateDirect(Conversation.direct(conversation(t), UserId.of("p" + t),
                        UserId.of("d" + t), Drafts.T0));
            }
            LongAdder sent = new LongAdder();
            AtomicBoolean going = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int sender = t;
                senders.add(new Thread(() -> {
                    for (int n = 1; going.get(); n++) {
                        send(store, sender, n, unit);
                        sent.increment();
                    }
                }));
            }
            senders.forEach(Thread::start);
            Thread.sleep(1000);
            store.resetBatchStatistics();
            long before = sent.sum();
            long writtenBefore = bytesWritten();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = sent.sum() - before;
            double elapsed = (System.nanoTime() - start) / 1e9;
            long written = bytesWritten() - writtenBefore;
            BatchStatistics batches = store.resetBatchStatistics();
            going.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
            System.out.printf(Locale.ROOT, "%s %s %d senders: %.0f sends/s; %d commits, %.1f writes per commit on average,"
                            + " largest %d; %s; %s%n", durability, unit ? "unit" : "ports", threads, count / elapsed,
                    batches.commits(), batches.meanBatch(), batches.largestBatch(), histogram(batches),
                    written < 0 ? "bytes written unknown" : String.format(Locale.ROOT, "%.1f KiB written per send, %.1f KiB per commit",
                            written / 1024.0 / count, written / 1024.0 / batches.commits()));
        }
    }

    /**
     * Ids as the server makes them (ULIDs: ordered by time, so each id index grows at its end) and client message
     * ids as clients make them (random UUIDs).
     */
    private static void send(SqliteStore store, int sender, int n, boolean unit) {
        ConversationId conversation = conversation(sender);
        UserId patient = UserId.of("p" + sender);
        MessageDraft draft = Drafts.text(conversation, String.format(Locale.ROOT, "m_%016d", IDS.incrementAndGet()),
                patient, "hello, this is message " + n, UUID.randomUUID().toString(), n);
        if (unit) {
            store.writer().write("send", session -> {
                Message message = MessageRows.append(session, draft).message();
                ConversationRows.update(session, conversation, c -> c.withMessage(message));
                AuditRows.append(session, audit(message));
                return message;
            });
            return;
        }
        Message message = store.messages().append(draft).message();
        store.conversations().update(conversation, c -> c.withMessage(message));
        store.auditTrail().append(audit(message));
    }

    private static AuditEntry audit(Message message) {
        return new AuditEntry(String.format(Locale.ROOT, "e_%016d", IDS.incrementAndGet()), message.senderId(),
                AuditAction.MESSAGE_SEND,
                List.of("conversation:" + message.conversationId().value(), "message:" + message.id().value()),
                message.createdAt(), AuditEntry.OK);
    }

    private static void million(Path directory) throws Exception {
        SqliteSettings settings = SqliteSettings.of(directory.resolve("carechat.db"));
        int total = 1_000_000;
        long building = System.nanoTime();
        try (SqliteStore store = SqliteStore.open(settings)) {
            store.conversations().getOrCreateDirect(Drafts.conversation());
            for (int first = 1; first <= total; first += 10_000) {
                int from = first;
                store.writer().write("fill", session -> {
                    for (int n = from; n < from + 10_000; n++) {
                        MessageRows.append(session, Drafts.text(Drafts.CONVERSATION, "m_" + n,
                                n % 2 == 0 ? Drafts.DOCTOR : Drafts.PATIENT, "message number " + n + " of a long history",
                                "key-" + n, n));
                    }
                    return null;
                });
            }
        }
        System.out.printf(Locale.ROOT, "built %d messages in %.1f s, file %d MiB%n", total,
                (System.nanoTime() - building) / 1e9, Files.size(settings.file()) >> 20);
        for (int round = 1; round <= 3; round++) {
            long opening = System.nanoTime();
            try (SqliteStore store = SqliteStore.open(settings)) {
                double openMs = (System.nanoTime() - opening) / 1e6;
                long first = System.nanoTime();
                store.messages().before(Drafts.CONVERSATION, Long.MAX_VALUE, 50);
                System.out.printf(Locale.ROOT, "open %d: %.1f ms, then the first newest page %.2f ms%n", round, openMs,
                        (System.nanoTime() - first) / 1e6);
                if (round == 3) {
                    pages(store, total);
                }
            }
        }
    }

    private static void pages(SqliteStore store, int total) {
        int calls = 5_000;
        long[] newest = new long[calls];
        long[] middleBefore = new long[calls];
        long[] middleAfter = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            store.messages().before(Drafts.CONVERSATION, Long.MAX_VALUE, 50);
            newest[i] = System.nanoTime() - start;
            long seq = 1 + (long) (Math.random() * (total - 100));
            start = System.nanoTime();
            store.messages().before(Drafts.CONVERSATION, seq + 50, 50);
            middleBefore[i] = System.nanoTime() - start;
            start = System.nanoTime();
            store.messages().after(Drafts.CONVERSATION, seq, 50);
            middleAfter[i] = System.nanoTime() - start;
        }
        System.out.println("newest page of 50: " + percentiles(newest));
        System.out.println("a page of 50 before a place in the middle: " + percentiles(middleBefore));
        System.out.println("a page of 50 after a place in the middle: " + percentiles(middleAfter));
        long appending = System.nanoTime();
        Message next = store.messages().append(Drafts.text(Drafts.CONVERSATION, "m_next", Drafts.PATIENT, "next", null, 0))
                .message();
        System.out.printf(Locale.ROOT, "append at place %d: %.2f ms%n", next.seq(), (System.nanoTime() - appending) / 1e6);
    }

    /** What this process wrote to storage so far (Linux: /proc/self/io), or -1. */
    private static long bytesWritten() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, max %.3f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static String histogram(BatchStatistics batches) {
        StringBuilder text = new StringBuilder("commits by writes carried:");
        for (BatchStatistics.Bucket bucket : batches.histogram()) {
            if (bucket.commits() > 0) {
                text.append(' ').append(bucket.fewest()).append(bucket.most() > bucket.fewest() ? "-" + bucket.most() : "")
                        .append(": ").append(bucket.commits());
            }
        }
        return text.toString();
    }

    private static ConversationId conversation(int sender) {
        return ConversationId.of("c_" + sender);
    }
}
