package org.carechat.adapter.sqlite;

import java.util.List;

/**
 * How much each commit of the store carried: group commit at work. The store's one writer takes every write
 * waiting for it, applies them in one transaction and syncs once; these figures say how many operations shared
 * each commit (and so each fsync). Under light load most commits carry one operation; the busier the server, the
 * more each carries. Operations are the store's writes (an append, an update, a save, a health probe's write),
 * counted whether they succeeded or were refused.
 *
 * @param commits      transactions committed
 * @param operations   operations those transactions carried
 * @param largestBatch the most operations one commit carried (0 before the first)
 * @param histogram    how many commits carried how many operations, in buckets of powers of two
 */
public record BatchStatistics(long commits, long operations, int largestBatch, List<Bucket> histogram) {

    public BatchStatistics {
        histogram = List.copyOf(histogram);
    }

    /** Operations per commit on average (0 before the first commit). */
    public double meanBatch() {
        return commits == 0 ? 0 : (double) operations / commits;
    }

    /**
     * @param fewest  the smallest batch size in this bucket
     * @param most    the largest batch size in this bucket
     * @param commits how many commits carried between {@code fewest} and {@code most} operations
     */
    public record Bucket(int fewest, int most, long commits) {
    }
}
