package io.popflow.cli;

import io.popflow.jobs.serving.KafkaModelFeed;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --kafka}: the run's first champion fetched before the server starts (none within the
 * timeout is refused, as a model file that is not there is), then the topic read again every poll
 * on a thread of its own, each new champion written where the server looks for it.
 */
final class ChampionFeed implements AutoCloseable {
    private final KafkaModelFeed feed;
    private final ScheduledExecutorService poller;
    private final PrintWriter out;
    private volatile String lastProblem;

    private ChampionFeed(KafkaModelFeed feed, ScheduledExecutorService poller, PrintWriter out) {
        this.feed = feed;
        this.poller = poller;
        this.out = out;
    }

    static ChampionFeed start(Path config, Duration timeout, long pollMillis, PrintWriter out)
            throws IOException, InterruptedException {
        KafkaModelFeed feed = KafkaModelFeed.open(config, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!feed.update()) {
                if (System.nanoTime() > deadline) {
                    throw new InvalidOptionException(
                            "kafka",
                            "no champion of " + feed.describe() + " within "
                                    + timeout.toSeconds()
                                    + " s: is the run publishing one (models.every, or generations: 0)? "
                                    + "(--timeout SECONDS waits longer)");
                }
                Thread.sleep(Math.min(pollMillis, 500));
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            feed.close();
            throw e;
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "popflow-serve-kafka");
            t.setDaemon(true);
            return t;
        });
        ChampionFeed f = new ChampionFeed(feed, poller, out);
        poller.scheduleWithFixedDelay(f::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        out.println("serve: " + feed.describe());
        return f;
    }

    Path folder() {
        return feed.folder();
    }

    /** One read of the topic; a problem is said once (the served model stays) and again only when it changes. */
    private void poll() {
        try {
            feed.update();
            lastProblem = null;
        } catch (IOException | RuntimeException e) {
            String problem = e.getMessage();
            if (!problem.equals(lastProblem)) {
                out.println("serve: the topic of models cannot be read (" + problem + "); still serving the "
                        + "champion it had");
                lastProblem = problem;
            }
        }
    }

    @Override
    public void close() throws IOException {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feed.close();
    }
}
