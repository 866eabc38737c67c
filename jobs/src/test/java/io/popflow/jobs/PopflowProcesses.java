package io.popflow.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The popflow processes a test starts ({@code @RegisterExtension}), each killed after the test
 * whatever its outcome, so that a failed assertion never leaves a training JVM running.
 */
final class PopflowProcesses implements AfterEachCallback {
    private final List<PopflowProcess> started = new ArrayList<>();
    private Path logs;

    /** Logs go to {@code folder}: set it before the first start (a test's temporary folder). */
    PopflowProcesses logTo(Path folder) {
        logs = folder;
        return this;
    }

    /** Starts {@code popflow args...}, its output in the log folder as {@code name}.out and .err. */
    PopflowProcess start(String name, String... args) throws Exception {
        return startIn(null, name, args);
    }

    /** As {@link #start}, in the working directory {@code workingDir}. */
    PopflowProcess startIn(Path workingDir, String name, String... args) throws Exception {
        PopflowProcess p = PopflowProcess.startIn(workingDir, logs, name, args);
        started.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (PopflowProcess p : started) {
            p.kill();
        }
        started.clear();
    }
}
