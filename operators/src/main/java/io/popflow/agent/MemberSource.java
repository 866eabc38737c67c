package io.popflow.agent;

/**
 * Where an agent of an evolution-strategy run finds its weights: the subtask's copy of the search
 * distribution ({@code io.popflow.es.DistributionReplica}), which rebuilds any member from the
 * generation's seed. Asking for a generation the copy is not at is a protocol error.
 */
public interface MemberSource {

    /** Agent {@code agent}'s member of generation {@code generation}. */
    float[] member(int generation, int agent);

    /** The mean of the distribution that would draw generation {@code generation}. */
    float[] mean(int generation);
}
