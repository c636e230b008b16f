package org.carechat.adapter.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.contract.BlobsContract;
import org.junit.jupiter.api.io.TempDir;

final class FileSystemBlobsContractTest extends BlobsContract {
    @TempDir
    Path directory;

    @Override
    protected Blobs create() {
        try {
            return new FileSystemBlobs(directory.resolve("blobs-" + System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
