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
 * <p>The handlers are installed before the job is submitted ({@link #install}): the embedded
 * cluster takes seconds to start, and a Ctrl-C then must not leave a half-made run. A first
 * signal before submission ends the command before it submits anything ({@link #requested});
 * one while the job is being submitted stops it with a savepoint as soon as it is {@link #attach}ed.
 *
 * <p>Without this, the JVM's default handler exits at once: the outputs ended at the last
 * completed checkpoint, with nothing written for the state at the stop.
 */
public final class GracefulStop implements AutoCloseable {
    /** Exit code of an aborted run: 128 + SIGINT, as a shell reports it. */
    public static final int ABORTED = 130;

    private static final Duration RETRY = Duration.ofMillis(300);
    /** A stop that fails (while the job deploys, restarts, or races a task's end) is retried for this long. */
    private static final Duration RETRY_FOR = Duration.ofSeconds(20);

    private final Path savepointDir;
    private final PrintStream console;
    private final AtomicInteger signals = new AtomicInteger();
    private final CompletableFuture<String> savepoint = new CompletableFuture<>();
    private volatile JobClient job;
    private StopSignals handlers;

    private GracefulStop(Path savepointDir, PrintStream console) {
        this.savepointDir = savepointDir;
        this.console = console;
    }

    /** Handles Ctrl-C and SIGTERM from now on, until {@link #close}. */
    public static GracefulStop install(Path savepointDir, PrintStream console) {
        GracefulStop stop = new GracefulStop(savepointDir, console);
        stop.handlers = new StopSignals(stop::onSignal);
        return stop;
    }

    /** Whether a stop was asked for (before the job exists, the command then submits none). */
    public boolean requested() {
        return signals.get() > 0;
    }

    /** How the job ended: its result, and the savepoint it was stopped with (null if it ended on its own). */
    public record Outcome(JobExecutionResult result, Path savepoint) {}

    /** The job now runs: a stop asked for meanwhile is carried out now. */
    public synchronized void attach(JobClient submitted) {
        job = submitted;
        if (requested()) {
            startStopping();
        }
    }

    /** Waits for the attached job to end, handling the stop signals meanwhile. */
    public Outcome await() throws Exception {
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

    @Override
    public void close() {
        handlers.close();
    }

    private synchronized void onSignal() {
        if (signals.incrementAndGet() > 1) {
            console.println(
                    job == null
                            ? "popflow: aborted before the job ran; nothing to resume: the same command starts the run again"
                            : "popflow: aborted; outputs end at the last completed checkpoint or savepoint");
            console.flush();
            if (job != null) {
                try {
                    job.cancel().get(3, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // exiting anyway: the user asked twice
                }
            }
            Runtime.getRuntime().halt(ABORTED);
        }
        if (job == null) {
            console.println(
                    "popflow: stopping: the job is being started, and stops with a savepoint as soon as it runs "
                            + "(Ctrl-C again to abort)...");
            console.flush();
            return;
        }
        if (job.getJobExecutionResult().isDone()) {
            // nothing to stop: the run's end-of-run files are being written, which a stop would only cut short
            console.println(
                    "popflow: the job has ended; writing the run's end-of-run files (Ctrl-C again to abort)...");
            console.flush();
            savepoint.completeExceptionally(new IllegalStateException("the job had ended before the stop"));
            return;
        }
        startStopping();
    }

    private void startStopping() {
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
                savepoint.complete(
                        job.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                                .get());
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
