package org.carechat.application.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.carechat.domain.failure.Refusal;

/** Passes bytes through until one more than allowed arrives, then refuses: an upload is never read past its limit. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final Supplier<Refusal> overLimit;
    private long count;

    LimitedInputStream(InputStream in, long limit, Supplier<Refusal> overLimit) {
        super(in);
        this.limit = limit;
        this.overLimit = overLimit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, limit - count + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw overLimit.get();
        }
    }
}
