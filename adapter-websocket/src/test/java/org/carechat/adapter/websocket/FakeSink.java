package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A socket for unit tests: records what is sent, completes sends at once, later, or never, and records its close. */
final class FakeSink implements FrameSink {
    enum Mode { INLINE, MANUAL, ON_EXECUTOR }

    final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<SendHandler> pending = new ConcurrentLinkedQueue<>();
    private volatile Mode mode;
    private volatile boolean open = true;
    /** Frames whose send throws instead of sending. */
    final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Executor executor;

    FakeSink(Mode mode) {
        this(mode, null);
    }

    FakeSink(Mode mode, Executor executor) {
        this.mode = mode;
        this.executor = executor;
    }

    void mode(Mode next) {
        mode = next;
    }

    @Override
    public void send(String frame, SendHandler whenDone) {
        if (refused.contains(frame)) {
            // as Tyrus does for text that UTF-8 cannot encode
            throw new Error(new java.nio.charset.MalformedInputException(1));
        }
        if (!open) {
            throw new IllegalStateException("The connection has been closed.");
        }
        sent.add(frame);
        switch (mode) {
            case INLINE -> whenDone.onResult(new SendResult((jakarta.websocket.Session) null));
            case MANUAL -> pending.add(whenDone);
            case ON_EXECUTOR -> executor.execute(() -> whenDone.onResult(new SendResult((jakarta.websocket.Session) null)));
        }
    }

    /** Completes the oldest send still in flight. */
    void completeNext() {
        SendHandler handler = pending.poll();
        if (handler == null) {
            throw new AssertionError("no send in flight");
        }
        handler.onResult(new SendResult((jakarta.websocket.Session) null));
    }

    void failNext() {
        pending.poll().onResult(new SendResult(null, new java.io.IOException("connection reset")));
    }

    int inFlight() {
        return pending.size();
    }

    @Override
    public boolean isOpen() {
        return closes.isEmpty() && open;
    }

    /** From now on the socket counts as closed (as when its client went away). */
    void drop() {
        open = false;
    }

    @Override
    public void close(CloseReason reason) {
        closes.add(reason);
    }

    List<String> sentCopy() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }
}
