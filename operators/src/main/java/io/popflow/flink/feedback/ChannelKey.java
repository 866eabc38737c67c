package io.popflow.flink.feedback;

/**
 * Identifies one queue of the in-JVM edge. The attempt number keeps a restarted head from reading
 * what a tail of the failed attempt was still writing.
 *
 * @param job the Flink job id
 * @param edge the edge's name (a job may have several)
 * @param channel the subtask index shared by tail and head
 * @param attempt the execution attempt of both (they fail over together: one pipelined region)
 */
public record ChannelKey(String job, String edge, int channel, int attempt) {

    boolean sameChannelOlderAttempt(ChannelKey other) {
        return job.equals(other.job) && edge.equals(other.edge) && channel == other.channel && other.attempt < attempt;
    }
}
