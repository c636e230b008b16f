package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Random;
import org.carechat.application.port.Blobs;
import org.carechat.domain.attachment.AttachmentId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Blobs} store promises: the bytes written are the bytes read back, however large;
 * a write whose content fails keeps nothing; a deleted blob is gone.
 */
public abstract class BlobsContract {
    private static final AttachmentId FIRST = AttachmentId.of("a_1");
    private static final AttachmentId SECOND = AttachmentId.of("a_2");

    /** A fresh, empty store for each test. */
    protected abstract Blobs create();

    @Test
    void open_of_an_unknown_blob_is_empty() throws IOException {
        Blobs blobs = create();

        assertThat(blobs.open(AttachmentId.of("a_unknown"))).isEmpty();
    }

    @Test
    void write_returns_the_size_and_open_returns_the_same_bytes() throws IOException {
        Blobs blobs = create();
        byte[] bytes = randomBytes(10_000, 1);

        long size = blobs.write(FIRST, new ByteArrayInputStream(bytes));

        assertThat(size).isEqualTo(bytes.length);
        assertThat(read(blobs.open(FIRST))).isEqualTo(bytes);
        assertThat(read(blobs.open(FIRST))).as("a blob can be read again").isEqualTo(bytes);
    }

    @Test
    void a_multi_mebibyte_stream_round_trips() throws IOException {
        Blobs blobs = create();
        int size = 5 * 1024 * 1024 + 17;
        byte[] bytes = randomBytes(size, 2);

        long written = blobs.write(FIRST, new TrickleStream(bytes));

        assertThat(written).isEqualTo(size);
        assertThat(read(blobs.open(FIRST))).isEqualTo(bytes);
    }

    @Test
    void an_empty_content_is_stored_as_an_empty_blob() throws IOException {
        Blobs blobs = create();

        assertThat(blobs.write(FIRST, new ByteArrayInputStream(new byte[0]))).isZero();

        assertThat(read(blobs.open(FIRST))).isEmpty();
    }

    @Test
    void blobs_are_kept_apart_by_id() throws IOException {
        Blobs blobs = create();
        byte[] first = randomBytes(1000, 3);
        byte[] second = randomBytes(2000, 4);

        blobs.write(FIRST, new ByteArrayInputStream(first));
        blobs.write(SECOND, new ByteArrayInputStream(second));

        assertThat(read(blobs.open(FIRST))).isEqualTo(first);
        assertThat(read(blobs.open(SECOND))).isEqualTo(second);
    }

    @Test
    void content_that_throws_midway_leaves_nothing_and_the_exception_propagates() throws IOException {
        Blobs blobs = create();
        IllegalStateException tooLarge = new IllegalStateException("the file is larger than allowed");
        InputStream failing = new FailingStream(randomBytes(300_000, 5), 200_000, tooLarge);

        assertThatThrownBy(() -> blobs.write(FIRST, failing)).isSameAs(tooLarge);

        assertThat(blobs.open(FIRST)).isEmpty();
    }

    @Test
    void content_whose_reading_fails_with_an_io_error_leaves_nothing_and_the_error_propagates() throws IOException {
        Blobs blobs = create();
        IOException broken = new IOException("connection reset by the client");
        InputStream failing = new FailingStream(randomBytes(100_000, 6), 70_000, broken);

        assertThatThrownBy(() -> blobs.write(FIRST, failing)).isSameAs(broken);

        assertThat(blobs.open(FIRST)).isEmpty();
    }

    @Test
    void delete_removes_the_blob_and_only_it() throws IOException {
        Blobs blobs = create();
        byte[] second = randomBytes(500, 7);
        blobs.write(FIRST, new ByteArrayInputStream(randomBytes(500, 8)));
        blobs.write(SECOND, new ByteArrayInputStream(second));

        blobs.delete(FIRST);

        assertThat(blobs.open(FIRST)).isEmpty();
        assertThat(read(blobs.open(SECOND))).isEqualTo(second);
    }

    private static byte[] read(Optional<InputStream> stream) throws IOException {
        assertThat(stream).as("a stored blob").isPresent();
        try (InputStream in = stream.get()) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Hands out its bytes in small uneven pieces, as a network upload does. */
    private static final class TrickleStream extends InputStream {
        private final byte[] bytes;
        private int position;

        TrickleStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + position % 7_919), bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }

    /** Yields {@code failAfter} bytes, then fails with {@code failure} the way an upload over the limit does. */
    private static final class FailingStream extends InputStream {
        private final byte[] bytes;
        private final int failAfter;
        private final Exception failure;
        private int position;

        FailingStream(byte[] bytes, int failAfter, Exception failure) {
            this.bytes = bytes;
            this.failAfter = failAfter;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= failAfter) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
            int n = Math.min(Math.min(length, 8_192), failAfter - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
