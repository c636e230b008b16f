package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.Writer;
import org.junit.jupiter.api.Test;

class FrameGuardTest {
    private static final int MAX = 65536;

    private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
    private final List<CloseReason> closes = new ArrayList<>();
    private final ReadHandler tyrus = data -> {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        passed.write(bytes, 0, bytes.length);
    };
    private final Connection connection = new Connection() {
        @Override
        public ReadHandler getReadHandler() {
            return tyrus;
        }

        @Override
        public Writer getWriter() {
            return null;
        }

        @Override
        public CloseListener getCloseListener() {
            return null;
        }

        @Override
        public void close(CloseReason reason) {
            closes.add(reason);
        }
    };
    private final FrameGuard guard = new FrameGuard(tyrus, connection, MAX);

    /** A client frame (masked) announcing {@code length} payload bytes, with the payload when {@code withPayload}. */
    private static byte[] frame(int opcode, long length, boolean withPayload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        if (length < 126) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8));
            out.write((int) (length & 0xFF));
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xFF);
            }
        }
        out.write(new byte[] {1, 2, 3, 4}, 0, 4);
        if (withPayload) {
            byte[] payload = new byte[(int) length];
            Arrays.fill(payload, (byte) 'x');
            out.write(payload, 0, payload.length);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    private void feed(byte[] bytes, int chunk) {
        for (int at = 0; at < bytes.length; at += chunk) {
            guard.handle(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
        }
    }

    @Test
    void frames_within_the_limit_pass_through_untouched_however_the_network_splits_them() {
        byte[] stream = concat(frame(1, 5, true), frame(9, 0, true), frame(1, 300, true), frame(1, MAX, true), frame(2, 70, true));
        for (int chunk : new int[] {1, 2, 3, 7, 13, 4096, stream.length}) {
            passed.reset();
            FrameGuard fresh = new FrameGuard(tyrus, connection, MAX);
            for (int at = 0; at < stream.length; at += chunk) {
                fresh.handle(ByteBuffer.wrap(stream, at, Math.min(chunk, stream.length - at)));
            }
            assertThat(passed.toByteArray()).as("chunks of %d", chunk).isEqualTo(stream);
        }
        assertThat(closes).isEmpty();
    }

    @Test
    void a_frame_announcing_more_than_the_limit_closes_with_1009_and_none_of_its_payload_passes() {
        byte[] small = frame(1, 10, true);
        byte[] stream = concat(small, frame(1, MAX + 1, false), new byte[1000]);

        feed(stream, 5);

        // what came before passes; of the big frame at most the start of its header (split by the network)
        assertThat(passed.toByteArray()).startsWith(small);
        assertThat(passed.size()).isLessThan(small.length + 14);
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
    }

    @Test
    void a_whole_header_in_one_read_keeps_everything_of_the_big_frame_away_from_tyrus() {
        byte[] small = frame(1, 10, true);

        guard.handle(ByteBuffer.wrap(concat(small, frame(1, MAX + 1, false), new byte[1000])));
        guard.handle(ByteBuffer.wrap(new byte[5000]));

        assertThat(passed.toByteArray()).isEqualTo(small);
        assertThat(closes).hasSize(1);
    }

    @Test
    void sixty_four_bit_lengths_are_read_whole_even_absurd_ones() {
        feed(frame(1, 1L << 40, false), 3);
        FrameGuard other = new FrameGuard(tyrus, connection, MAX);
        byte[] negative = frame(1, 70_000, false);
        negative[2] = (byte) 0x80;
        other.handle(ByteBuffer.wrap(negative));

        assertThat(closes).hasSize(2);
        assertThat(passed.size()).isLessThan(14);
    }
}
