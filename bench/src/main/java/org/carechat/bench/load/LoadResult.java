package org.carechat.bench.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one open-loop run measured: the rates, the latency from intended send time to acknowledgement and
 * to delivery, the generator's own lateness, and the ledger of every message.
 *
 * @param targetRate      messages per second the schedule asked for
 * @param sentRate        messages sent per second in the measurement window
 * @param deliveredRate   messages of the window delivered, per second from the window's start until the
 *                        last of them arrived (a server that falls behind stretches this and lowers the rate)
 * @param ack             intended send time to {@code message_sent}, messages of the window
 * @param delivery        intended send time to the doctor's {@code new_message}, messages of the window
 * @param sendLag         how late the generator itself wrote each message (part of the two above)
 */
public record LoadResult(double targetRate, double measureSeconds, double sentRate, double deliveredRate,
                         Latency ack, Latency delivery, Latency sendLag,
                         long sent, long acked, long delivered, long refused, long lost,
                         long measuredSent, long measuredAcked, long measuredDelivered, long measuredRefused,
                         long measuredLost, long duplicates, long outOfOrder, long unmatched,
                         Map<String, Long> errors, Map<String, Long> otherEvents, Map<Integer, Long> closes,
                         Map<String, Double> deliveryPercentiles) {

    /** No loss, no refusal, no socket closed, and delivery p99 within {@code p99LimitMs}. */
    public boolean held(double p99LimitMs) {
        return lost == 0 && refused == 0 && duplicates == 0 && outOfOrder == 0 && closes.isEmpty()
                && delivery.count() > 0 && delivery.p99() <= p99LimitMs;
    }

    public String summary() {
        return String.format("target %.0f/s sent %.0f/s delivered %.0f/s | ack %s | delivery %s | generator lag p99 %.2f ms"
                        + " | sent %d acked %d delivered %d refused %d lost %d dup %d disorder %d closes %s errors %s",
                targetRate, sentRate, deliveredRate, ack, delivery, sendLag.p99(), sent, acked, delivered, refused, lost,
                duplicates, outOfOrder, closes, errors);
    }

    static final class Builder {
        private final LoadRun.Plan plan;
        private final long windowStart;
        private final long windowEnd;
        private final Histogram ack = Latency.newHistogram();
        private final Histogram delivery = Latency.newHistogram();
        private final Histogram sendLag = Latency.newHistogram();
        private final Map<String, Long> errors = new TreeMap<>();
        private final Map<String, Long> other = new TreeMap<>();
        private final Map<Integer, Long> closes = new TreeMap<>();
        private long unmatched;
        private long sent;
        private long acked;
        private long delivered;
        private long failed;
        private long lost;
        private long mSent;
        private long mAcked;
        private long mDelivered;
        private long mFailed;
        private long mLost;
        private long duplicates;
        private long outOfOrder;
        private long lastDelivery;

        Builder(LoadRun.Plan plan, long windowStart, long windowEnd) {
            this.plan = plan;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        void add(LoadRun.LoopStats stats) {
            ack.add(stats.ack);
            delivery.add(stats.delivery);
            sendLag.add(stats.sendLag);
            stats.errors.forEach((code, n) -> errors.merge(code, n, Long::sum));
            stats.otherEvents.forEach((event, n) -> other.merge(event, n, Long::sum));
            stats.closes.forEach((code, n) -> closes.merge(code, n, Long::sum));
            unmatched += stats.unmatched;
        }

        void add(LoadRun.Ledger ledger) {
            sent += ledger.sent();
            acked += ledger.acked();
            delivered += ledger.delivered();
            failed += ledger.failed();
            lost += ledger.lost();
            mSent += ledger.measuredSent();
            mAcked += ledger.measuredAcked();
            mDelivered += ledger.measuredDelivered();
            mFailed += ledger.measuredFailed();
            mLost += ledger.measuredLost();
            duplicates += ledger.duplicates();
            outOfOrder += ledger.outOfOrder();
            lastDelivery = Math.max(lastDelivery, ledger.lastMeasuredDelivery());
        }

        LoadResult build() {
            double window = (windowEnd - windowStart) / 1e9;
            double deliveredSpan = Math.max(windowEnd, lastDelivery) - windowStart;
            double deliveredRate = mDelivered == 0 ? 0 : mDelivered / (deliveredSpan / 1e9);
            return new LoadResult(plan.rate(), window, mSent / window, deliveredRate,
                    Latency.of(ack), Latency.of(delivery), Latency.of(sendLag),
                    sent, acked, delivered, failed, lost, mSent, mAcked, mDelivered, mFailed, mLost,
                    duplicates, outOfOrder, unmatched, errors, other, closes, Latency.percentiles(delivery));
        }
    }
}
