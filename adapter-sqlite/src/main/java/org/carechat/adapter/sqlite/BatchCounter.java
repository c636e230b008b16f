package org.carechat.adapter.sqlite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts what each commit carried, for {@link BatchStatistics}, and every commit since the store opened (which a
 * reset leaves alone); the writer records, anyone may read.
 */
final class BatchCounter {
    private final long[] buckets;
    private final int maxBatch;
    private long commits;
    private long committedSinceOpen;
    private long operations;
    private int largest;

    /** @param maxBatch the most operations a commit can carry */
    BatchCounter(int maxBatch) {
        this.buckets = new long[bucketOf(maxBatch) + 1];
        this.maxBatch = maxBatch;
    }

    synchronized void record(int batch) {
        commits++;
        committedSinceOpen++;
        operations += batch;
        largest = Math.max(largest, batch);
        buckets[bucketOf(batch)]++;
    }

    /** Transactions committed since the store opened, whatever was reset meanwhile. */
    synchronized long committedSinceOpen() {
        return committedSinceOpen;
    }

    synchronized BatchStatistics snapshot() {
        List<BatchStatistics.Bucket> histogram = new ArrayList<>(buckets.length);
        for (int i = 0; i < buckets.length; i++) {
            histogram.add(new BatchStatistics.Bucket(1 << i, Math.min((1 << (i + 1)) - 1, maxBatch), buckets[i]));
        }
        return new BatchStatistics(commits, operations, largest, histogram);
    }

    synchronized BatchStatistics reset() {
        BatchStatistics figures = snapshot();
        commits = 0;
        operations = 0;
        largest = 0;
        Arrays.fill(buckets, 0);
        return figures;
    }

    /** 1 in bucket 0, 2-3 in bucket 1, 4-7 in bucket 2, ... */
    private static int bucketOf(int batch) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(1, batch));
    }
}
