package org.carechat.domain.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The whole of an uploaded file, readable from its start as often as needed: what a container is looked into
 * with once its bytes are stored. The caller of {@link #open} closes the stream.
 */
public interface FileContent {

    /** The number of bytes of the file. */
    long size();

    /** The bytes from the first, each time anew. */
    InputStream open() throws IOException;

    /** A file held in memory (tests, small files). */
    static FileContent of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new FileContent() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        };
    }
}
