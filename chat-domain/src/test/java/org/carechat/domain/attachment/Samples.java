package org.carechat.domain.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The real sample files under {@code samples/} on the test class path (how they were made: {@code samples/README.md}),
 * for the tests of every module that checks file types.
 */
public final class Samples {
    private Samples() {
    }

    /** The whole of the sample file {@code name} ({@code video.mov}). */
    public static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code length} bytes of the sample (all of it when shorter). */
    public static byte[] head(String name, int length) {
        byte[] all = bytes(name);
        return Arrays.copyOf(all, Math.min(length, all.length));
    }

    public static FileContent content(String name) {
        return FileContent.of(bytes(name));
    }
}
