package io.popflow.jobs.serving;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, and a look at its folder every {@code pollMillis} that swaps to a new
 * pair once both its files are there and match. A poll rather than a {@code WatchService}: it sees
 * renames on every filesystem (network and container mounts drop inotify events), and a look costs
 * one small .json read while nothing changes.
 */
final class ModelWatcher implements AutoCloseable {
    private final ModelLocation location;
    private final PrintWriter log;
    private final AtomicReference<ServedModel> current;
    private final ScheduledExecutorService poll;
    /** The last problem met (a pair's SHA-256 that would not load, or a message), to say it once, not at every look. */
    private volatile String refused = "";

    private ModelWatcher(ModelLocation location, PrintWriter log, ScoringModel first) {
        this.location = location;
        this.log = log;
        this.current = new AtomicReference<>(new ServedModel(first));
        this.poll = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "popflow-model-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the model there is now (refusing if there is none) and starts looking for new ones. */
    static ModelWatcher start(ModelLocation location, long pollMillis, PrintWriter log) {
        ModelWatcher w = new ModelWatcher(location, log, ScoringModel.load(location.current()));
        w.poll.scheduleWithFixedDelay(w::lookSafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        return w;
    }

    /** The current model, held until {@link ServedModel#release}. */
    ServedModel acquire() {
        while (true) {
            ServedModel m = current.get();
            if (m.tryAcquire()) {
                return m;
            }
            // swapped and closed between the read and the hold: the next read is the new one
        }
    }

    /** A look that no failure ends: a scheduled task that throws is never run again. */
    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            warnOnce(String.valueOf(e), "cannot look at the model's folder: " + e);
        }
    }

    private void look() {
        Path file = location.current();
        ScoringModel served = current.get().model();
        if (file.equals(served.pair().onnxFile())
                && served.pair().modelSha256().equals(ModelPair.describedSha256(file))) {
            return; // the .json still describes the model served: the .onnx need not be read
        }
        ModelPair pair;
        try {
            pair = ModelPair.readOnce(file);
        } catch (RefusedInputException e) {
            // between two renames, or a .json that is not a model's: say it once, keep serving
            warnOnce(e.getMessage(), e.getMessage());
            return;
        }
        boolean same = file.equals(served.pair().onnxFile())
                && pair.modelSha256().equals(served.pair().modelSha256());
        if (same || !pair.matches() || refused.equals(pair.modelSha256())) {
            // the same model, a pair half replaced (look again next time), or one that failed to load
            return;
        }
        try {
            swap(ScoringModel.load(pair));
        } catch (RefusedInputException e) {
            warnOnce(pair.modelSha256(), e.getMessage());
        }
    }

    private void warnOnce(String key, String message) {
        if (!refused.equals(key)) {
            refused = key;
            log.println("serve: keeping the current model: " + message);
        }
    }

    private void swap(ScoringModel next) {
        ServedModel old = current.getAndSet(new ServedModel(next));
        old.release();
        refused = "";
        log.println("serve: now serving " + describe(next));
    }

    static String describe(ScoringModel m) {
        ModelMetadata d = m.metadata();
        return m.pair().onnxFile() + " (" + d.task() + " " + d.kind() + ", generation " + d.generation() + ", agent "
                + d.agent() + ", params_sha256 " + shortSha(d.paramsSha256()) + ")";
    }

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12) + "...";
    }

    @Override
    public void close() {
        poll.shutdownNow();
        try {
            poll.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.get().release();
    }
}
