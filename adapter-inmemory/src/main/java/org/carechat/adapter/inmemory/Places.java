package org.carechat.adapter.inmemory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.carechat.domain.message.Message;

/**
 * One conversation's messages by seq, in an array of chunks indexed by seq: a conversation's seqs are
 * gap-free from 1, so a message is stored, found and replaced at its index in constant time, and a page is a
 * walk along the array, where a sorted map would search from its head for every message. One writer at a time
 * (the caller serializes {@link #set}); readers never wait: a message is visible once {@link #last} says so.
 */
final class Places {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final long MAX_SEQ = ((long) Integer.MAX_VALUE << SHIFT) | MASK;

    private volatile Object[] chunks = new Object[0];
    /** The highest seq set; written after the message it names. */
    private volatile long last;

    long last() {
        return last;
    }

    Message get(long seq) {
        if (seq < 1 || seq > last) {
            return null;
        }
        return at(chunks, seq);
    }

    boolean has(long seq) {
        return get(seq) != null;
    }

    /** Stores {@code message} at {@code seq}; callers keep other writers out. */
    void set(long seq, Message message) {
        if (seq < 1 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("a seq runs from 1 to " + MAX_SEQ + ": " + seq);
        }
        int index = (int) (seq >>> SHIFT);
        Object[] current = chunks;
        if (index >= current.length) {
            Object[] grown = new Object[Math.max(index + 1, current.length * 2)];
            System.arraycopy(current, 0, grown, 0, current.length);
            current = grown;
        }
        if (current[index] == null) {
            current[index] = new AtomicReferenceArray<Message>(CHUNK);
        }
        chunks = current;
        chunk(current, seq).set((int) (seq & MASK), message);
        if (seq > last) {
            last = seq;
        }
    }

    /** Replaces {@code expected} at {@code seq} by {@code next}, if it is still there. */
    boolean replace(long seq, Message expected, Message next) {
        AtomicReferenceArray<Message> chunk = seq < 1 || seq > last ? null : chunk(chunks, seq);
        return chunk != null && chunk.compareAndSet((int) (seq & MASK), expected, next);
    }

    /** Up to {@code limit} messages below {@code beforeSeq}, the newest first. */
    List<Message> below(long beforeSeq, int limit) {
        List<Message> page = new ArrayList<>(Math.min(limit, 64));
        newestFirst(Math.min(beforeSeq - 1, last), message -> {
            page.add(message);
            return page.size() < limit;
        });
        return List.copyOf(page);
    }

    /** Up to {@code limit} messages above {@code afterSeq}, the oldest first. */
    List<Message> above(long afterSeq, int limit) {
        List<Message> page = new ArrayList<>(Math.min(limit, 64));
        oldestFirst(afterSeq == Long.MAX_VALUE ? Long.MAX_VALUE : afterSeq + 1, message -> {
            page.add(message);
            return page.size() < limit;
        });
        return List.copyOf(page);
    }

    /** Hands every message from {@code fromSeq} down to {@code visit}, newest first, while it answers true. */
    void newestFirst(long fromSeq, Predicate<Message> visit) {
        Object[] all = chunks;
        for (long seq = Math.min(fromSeq, last); seq >= 1; seq--) {
            Message message = at(all, seq);
            if (message != null && !visit.test(message)) {
                return;
            }
        }
    }

    /** Hands every message from {@code fromSeq} up to {@code visit}, oldest first, while it answers true. */
    void oldestFirst(long fromSeq, Predicate<Message> visit) {
        long top = last;
        Object[] all = chunks;
        for (long seq = Math.max(1, fromSeq); seq <= top; seq++) {
            Message message = at(all, seq);
            if (message != null && !visit.test(message)) {
                return;
            }
        }
    }

    private static Message at(Object[] chunks, long seq) {
        AtomicReferenceArray<Message> chunk = chunk(chunks, seq);
        return chunk == null ? null : chunk.get((int) (seq & MASK));
    }

    @SuppressWarnings("unchecked")
    private static AtomicReferenceArray<Message> chunk(Object[] chunks, long seq) {
        int index = (int) (seq >>> SHIFT);
        return index < chunks.length ? (AtomicReferenceArray<Message>) chunks[index] : null;
    }
}
