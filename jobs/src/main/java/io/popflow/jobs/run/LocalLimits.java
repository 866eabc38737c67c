package io.popflow.jobs.run;

import io.popflow.config.PopulationConfig;
import io.popflow.option.InvalidOptionException;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.StreamTaskSpec;
import java.util.Locale;
import org.apache.flink.configuration.MemorySize;

/**
 * What one JVM on this machine can carry, checked before a local run starts, so that a run too
 * large for it is refused with one line instead of failing inside Flink: at parallelism 64 the
 * MiniCluster's default 64 MB of network buffers ran out and Flink restarted the job without end;
 * ten million agents ran out of heap while the job was submitted and left the JVM hanging.
 */
public final class LocalLimits {
    /** Trainer subtasks per core beyond which a local run only adds threads that wait for a core. */
    static final int SUBTASKS_PER_CORE = 4;
    /** Flink's default network buffer (memory segment) size. */
    private static final long BUFFER_BYTES = 32 * 1024;
    /** The MiniCluster's default network memory; raised when the job needs more. */
    private static final long DEFAULT_NETWORK_BYTES = 64L << 20;
    /** Bytes per agent beyond its vectors: state entry, objects, queues (measured 670 by the bench, rounded up). */
    private static final long AGENT_OVERHEAD_BYTES = 1024;
    /** Bytes per buffered example beyond its features: the object, its array header and its label. */
    private static final long EXAMPLE_OVERHEAD_BYTES = 48;
    /** The share of the heap agents may fill: the rest is Flink's, the data's and a checkpoint's in flight. */
    private static final double AGENT_HEAP_SHARE = 0.5;

    private final int cores;
    private final long maxHeapBytes;

    public LocalLimits(int cores, long maxHeapBytes) {
        this.cores = cores;
        this.maxHeapBytes = maxHeapBytes;
    }

    /** The limits of the running JVM. */
    public static LocalLimits ofThisJvm() {
        return new LocalLimits(
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    /** Refuses a parallelism beyond what this machine's cores carry. */
    public void checkParallelism(int parallelism) {
        int max = SUBTASKS_PER_CORE * cores;
        InvalidOptionException.require(
                parallelism <= max,
                "parallelism",
                String.format(
                        Locale.ROOT,
                        "%d is more than a local run on this machine carries (at most %d: %d subtasks per core on %d cores); "
                                + "submit the job to a Flink cluster for more (docs/clusters.md)",
                        parallelism,
                        max,
                        SUBTASKS_PER_CORE,
                        cores));
    }

    /**
     * Network memory for the job graph at {@code parallelism}: its two all-to-all edges (commands to
     * trainers, trainers to the feedback tail) each need about 2p + 8 buffers per receiving subtask
     * (two per channel and eight floating, Flink's defaults) and p + 1 per sending one; the other
     * edges have one side of parallelism 1. Twice that, and never below Flink's default.
     */
    public static MemorySize networkMemory(int parallelism) {
        long p = parallelism;
        long allToAll = 2 * (p * (2 * p + 8) + (p + 1) * (p + 1));
        long rest = 8 * (2 * p + 8) + 16 * (p + 1);
        return new MemorySize(Math.max(DEFAULT_NETWORK_BYTES, 2 * (allToAll + rest) * BUFFER_BYTES));
    }

    /**
     * Refuses a population whose agents would not fit in the heap: each holds θ, its optimizer
     * memory and, as a donor, a copy of both kept for its recipients; a DQN agent also its target
     * network and replay memory.
     *
     * @param dimension weights per agent
     */
    public void checkPopulation(PopulationConfig config, int dimension) {
        int memory = config.space().rule().memoryPerWeight();
        long perAgent = (long) Float.BYTES * dimension * 2 * (1 + memory)
                + AGENT_OVERHEAD_BYTES
                + reinforcementBytes(config, dimension);
        double needed = (double) perAgent * config.population() + replayBufferBytes(config);
        double allowed = AGENT_HEAP_SHARE * maxHeapBytes;
        InvalidOptionException.require(
                needed <= allowed,
                "population",
                String.format(
                        Locale.ROOT,
                        "%d agents of %,d weights need about %s of heap (weights, %scopies kept for transfers%s), more than half of "
                                + "this JVM's %s heap; lower the population or raise the heap (POPFLOW_JAVA_OPTS=-Xmx...)",
                        config.population(),
                        dimension,
                        bytes(needed),
                        memory > 0 ? "optimizer memory, " : "",
                        config.task() instanceof StreamTaskSpec
                                ? ", replay buffers"
                                : config.task() instanceof ControlTaskSpec ? ", target networks, replay memories" : "",
                        bytes(maxHeapBytes)));
    }

    /** A DQN agent's target network and replay memory (two observations, action, reward and flag a transition). */
    static long reinforcementBytes(PopulationConfig config, int dimension) {
        if (!(config.task() instanceof ControlTaskSpec c)) {
            return 0;
        }
        int observation = c.dqn().environment().create().observationSize();
        return (long) Float.BYTES * dimension + (long) c.dqn().replayCapacity() * (2L * Float.BYTES * observation + 6);
    }

    /** A stream-fed task's replay buffers: every trainer subtask holds its own full copy. */
    static double replayBufferBytes(PopulationConfig config) {
        if (!(config.task() instanceof StreamTaskSpec s)) {
            return 0;
        }
        double perExample = (double) Float.BYTES * s.features() + EXAMPLE_OVERHEAD_BYTES;
        return config.parallelism() * (double) (s.trainCapacity() + s.validationCapacity()) * perExample;
    }

    static String bytes(double b) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }
}
