package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The key of an agent's state: chosen so that agents spread evenly over the key groups, and so over
 * the trainer's subtasks at any parallelism. Keying by the agent id itself leaves placement to the
 * hash: 16 agents on two subtasks landed 7 and 9 (measured), and the subtask with 9 set the pace of
 * every generation.
 *
 * <p>An agent's key depends on the population and the maximum parallelism only, never on the
 * parallelism: a savepoint taken at parallelism 2 holds agent 5 under the key that a job at
 * parallelism 1 or 3 computes for agent 5, so a run resumes at another parallelism (up to the
 * maximum, which is fixed for the life of a run).
 */
public final class AgentPlacement implements KeySelector<AgentCommand, Integer> {
    private static final long serialVersionUID = 1L;

    private final int population;
    private final int parallelism;
    private final int maxParallelism;
    private transient int[] keys;
    private transient int[] subtaskKeys;

    public AgentPlacement(int population, int parallelism, int maxParallelism) {
        this.population = population;
        this.parallelism = parallelism;
        this.maxParallelism = maxParallelism;
    }

    @Override
    public Integer getKey(AgentCommand command) {
        return command instanceof AgentCommand.Example || command instanceof AgentCommand.Distribution
                ? keyOfSubtask(command.route())
                : keyOf(command.agent());
    }

    /** A key that lands on trainer subtask {@code subtask}: the smallest in its first key group. */
    public int keyOfSubtask(int subtask) {
        if (subtaskKeys == null) {
            subtaskKeys = new int[parallelism];
            for (int s = 0; s < parallelism; s++) {
                int group = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, s)
                        .getStartKeyGroup();
                int key = 0;
                while (KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism) != group) {
                    key++;
                }
                subtaskKeys[s] = key;
            }
        }
        return subtaskKeys[subtask];
    }

    /** The state key of agent {@code agent}. */
    public int keyOf(int agent) {
        if (keys == null) {
            keys = computeKeys();
        }
        return agent >= 0 && agent < keys.length ? keys[agent] : agent;
    }

    /**
     * Agent i goes to key group floor((2i + 1) m / 2n) of the m key groups: n agents at equal
     * spacing, so that each subtask's contiguous range of groups holds n/p of them whatever p is.
     * Its key is the smallest unused non-negative integer that hashes to that group.
     */
    private int[] computeKeys() {
        int[] targetGroup = new int[population];
        int[] wanted = new int[maxParallelism];
        for (int agent = 0; agent < population; agent++) {
            int group = (int) ((2L * agent + 1) * maxParallelism / (2L * population));
            targetGroup[agent] = group;
            wanted[group]++;
        }
        int[][] candidates = new int[maxParallelism][];
        int[] found = new int[maxParallelism];
        for (int g = 0; g < maxParallelism; g++) {
            candidates[g] = new int[wanted[g]];
        }
        int missing = population;
        for (int key = 0; missing > 0; key++) {
            int g = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
            if (found[g] < wanted[g]) {
                candidates[g][found[g]++] = key;
                missing--;
            }
        }
        int[] used = new int[maxParallelism];
        int[] out = new int[population];
        for (int agent = 0; agent < population; agent++) {
            int g = targetGroup[agent];
            out[agent] = candidates[g][used[g]++];
        }
        return out;
    }
}
