package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The key of an agent's state: chosen so that agents spread evenly, round-robin, over the trainer's
 * subtasks and over each subtask's key groups. Keying by the agent id itself leaves placement to
 * the hash: 16 agents on two subtasks landed 7 and 9 (measured), and the subtask with 9 set the
 * pace of every generation. With a range of key groups per agent, a savepoint still restores at any
 * parallelism up to the maximum.
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
        return command.example() != null ? keyOfSubtask(command.route()) : keyOf(command.agent());
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
     * Agent i goes to subtask i mod p, and within its range of key groups to group
     * start + (i / p) mod size; its key is the smallest unused non-negative integer that hashes to
     * that group.
     */
    private int[] computeKeys() {
        int[] targetGroup = new int[population];
        int[] wanted = new int[maxParallelism];
        for (int agent = 0; agent < population; agent++) {
            KeyGroupRange range = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                    maxParallelism, parallelism, agent % parallelism);
            int group = range.getStartKeyGroup() + (agent / parallelism) % range.getNumberOfKeyGroups();
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
