package io.popflow.flink.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FeedbackChannelTest {

    @Test
    void availabilityCompletesWhenARecordArrives() {
        FeedbackChannel<Integer> channel = new FeedbackChannel<>();
        CompletableFuture<Void> available = channel.availability();
        assertThat(available).isNotDone();
        channel.put(1);
        assertThat(available).isDone();
        assertThat(channel.availability()).isDone();
        assertThat(channel.poll()).isEqualTo(1);
        assertThat(channel.availability()).isNotDone();
    }

    /** One producer thread, one consumer that waits on availability: every record, in order, once. */
    @Test
    void handsOverEveryRecordInOrderAcrossThreads() throws Exception {
        FeedbackChannel<Integer> channel = new FeedbackChannel<>();
        int n = 200_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                channel.put(i);
            }
        });
        producer.start();
        List<Integer> received = new ArrayList<>(n);
        while (received.size() < n) {
            Integer r = channel.poll();
            if (r == null) {
                channel.availability().get(10, TimeUnit.SECONDS);
            } else {
                received.add(r);
            }
        }
        producer.join();
        assertThat(received).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(received.get(i)).isEqualTo(i);
        }
        assertThat(channel.poll()).isNull();
    }

    @Test
    void brokerSeparatesAttemptsAndReleasesOlderOnes() {
        ChannelKey first = new ChannelKey("job", "edge", 0, 0);
        ChannelKey second = new ChannelKey("job", "edge", 0, 1);
        FeedbackChannel<String> stale = FeedbackBroker.channel(first);
        stale.put("from attempt 0");
        FeedbackChannel<String> fresh = FeedbackBroker.channel(second);
        assertThat(fresh).isNotSameAs(stale);
        assertThat(fresh.poll()).isNull();
        FeedbackBroker.releaseOlderAttempts(second);
        assertThat(FeedbackBroker.<String>channel(second)).isSameAs(fresh);
        assertThat(FeedbackBroker.<String>channel(first)).isNotSameAs(stale);
        FeedbackBroker.release(second);
    }
}
