package io.popflow.jobs.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.util.ExceptionUtils;

/**
 * Waits for a local job while Ctrl-C (SIGINT) or SIGTERM stops it the way {@code flink stop}
 * does: the first signal takes a savepoint and ends the job after it, so every exactly-once sink
 * commits what it wrote up to the savepoint; a second signal cancels the job and exits at once.
 *
 * <p>Without this, the JVM's default handler exits at once: the outputs ended at the last
 * completed checkpoint, with nothing written for the state at the stop.
 */
public final class GracefulStop {
    /** Exit code of an aborted run: 128 + SIGINT, as a shell reports it. */
    public static final int ABORTED = 130;
    private static final Duration RETRY = Duration.ofMillis(300);
    /** A stop that fails (while the job deploys, restarts, or races a task's end) is retried for this long. */
    private static final Duration RETRY_FOR = Duration.ofSeconds(20);

    private final JobClient job;
    private final Path savepointDir;
    private final PrintStream console;
    private final AtomicInteger signals = new AtomicInteger();
    private final CompletableFuture<String> savepoint = new CompletableFuture<>();

    public GracefulStop(JobClient job, Path savepointDir, PrintStream console) {
        this.job = job;
        this.savepointDir = savepointDir;
        this.console = console;
    }

    /** How the job ended: its result, and the savepoint it was stopped with (null if it ended on its own). */
    public record Outcome(JobExecutionResult result, Path savepoint) {}

    /** Waits for the job to end, handling the stop signals meanwhile. */
    public Outcome await() throws Exception {
        try (StopSignals handlers = new StopSignals(this::onSignal)) {
            JobExecutionResult result = job.getJobExecutionResult().get();
            if (signals.get() == 0) {
                return new Outcome(result, null);
            }
            // the job can end on its own while the stop is in flight: then there is no savepoint
            try {
                return new Outcome(result, Path.of(java.net.URI.create(savepoint.get(30, TimeUnit.SECONDS))));
            } catch (ExecutionException e) {
                return new Outcome(result, null);
            }
        }
    }

    private void onSignal() {
        if (signals.incrementAndGet() > 1) {
            console.println("popflow: aborted; outputs end at the last completed checkpoint or savepoint");
            console.flush();
            try {
                job.cancel().get(3, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway: the user asked twice
            }
            Runtime.getRuntime().halt(ABORTED);
        }
        console.println("popflow: stopping with a savepoint (Ctrl-C again to abort)...");
        console.flush();
        Thread stopper = new Thread(this::stopWithSavepoint, "popflow-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /**
     * Retries while the job is alive: a stop can fail when it races a task's own end (the agent seeds'
     * source finishes right after the start, and a savepoint triggered then was declined: "checkpoint
     * request for unknown task"); Flink then restarts the job from its last checkpoint, and the next
     * attempt goes through.
     */
    private void stopWithSavepoint() {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        while (true) {
            try {
                savepoint.complete(job.stopWithSavepoint(false, savepointDir.toUri().toString(),
                        SavepointFormatType.CANONICAL).get());
                return;
            } catch (Exception e) {
                Throwable cause = ExceptionUtils.stripExecutionException(e);
                if (System.nanoTime() > deadline || jobHasEnded()) {
                    savepoint.completeExceptionally(cause);
                    console.println("popflow: the stop-with-savepoint failed (" + cause.getMessage()
                            + "); cancelling, outputs end at the last completed checkpoint");
                    job.cancel();
                    return;
                }
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean jobHasEnded() {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState();
        } catch (Exception e) {
            return true;
        }
    }
}
