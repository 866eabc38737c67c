package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Agents spread evenly at every parallelism, under keys that do not depend on it (so a run rescales). */
class AgentPlacementTest {

    @ParameterizedTest(name = "{0} agents, max parallelism {1}")
    @CsvSource({"16, 128", "10, 128", "1000, 128", "3, 128", "200, 64"})
    void keysAreTheSameAtEveryParallelismAndSpreadEvenly(int population, int maxParallelism) {
        AgentPlacement reference = new AgentPlacement(population, 1, maxParallelism);
        Set<Integer> keys = new HashSet<>();
        for (int agent = 0; agent < population; agent++) {
            keys.add(reference.keyOf(agent));
        }
        assertThat(keys).as("distinct keys").hasSize(population);
        for (int p = 1; p <= 8; p++) {
            AgentPlacement placement = new AgentPlacement(population, p, maxParallelism);
            int[] perSubtask = new int[p];
            for (int agent = 0; agent < population; agent++) {
                int key = placement.keyOf(agent);
                assertThat(key)
                        .as("key of agent %d at parallelism %d", agent, p)
                        .isEqualTo(reference.keyOf(agent));
                perSubtask[KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, p)]++;
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int n : perSubtask) {
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
            // equal spacing over the key groups: subtask ranges differ by at most one group, so
            // counts differ by at most one agent per group width, plus one for rounding
            int slack = (int) Math.ceil((double) population / maxParallelism) + 1;
            assertThat(max - min)
                    .as("agents per subtask at parallelism %d: min %d, max %d", p, min, max)
                    .isLessThanOrEqualTo(slack);
        }
    }
}
