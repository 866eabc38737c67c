/**
 * The feedback edge: how the slow time scale's decisions (and the weight copies they cause) flow
 * back to the keyed agents, in a Flink 2 job graph that has no {@code iterate()}.
 *
 * <p>{@link io.popflow.flink.feedback.FeedbackEdge} is the interface; the job asks it for a head
 * (a stream that emits what reached the tail) and hands it the tail. {@link
 * io.popflow.flink.feedback.InJvmFeedbackEdge} is the default: tail and head run with the same
 * parallelism in one co-location group, so subtask {@code i} of each share a JVM, and a per-JVM
 * {@link io.popflow.flink.feedback.FeedbackBroker} hands records from tail {@code i} to head {@code
 * i} through a queue keyed by job, edge, subtask and attempt.
 *
 * <h2>Why nothing is lost or duplicated across a restore</h2>
 *
 * Flink's checkpoints do not see this queue: records in it, or emitted by the head after its
 * barrier, are gone after a failure. Two designs make such a loop exact. Stateful Functions logs
 * what reaches the head between its barrier and an end-of-checkpoint marker from the tail into the
 * checkpoint and replays it. popflow instead makes the loop idempotent, because every record on it
 * is derived from checkpointed state and numbered by generation:
 *
 * <ul>
 *   <li>directives are a pure function of a generation's fitness table; the selection-mutation
 *       operator keeps its latest decision in operator state and sends it again after a restore;
 *   <li>weights are sent by a donor when it acts on a directive, and the donor keeps exactly those
 *       weights until its next directive, so a resent directive makes it send the same bytes again;
 *   <li>every agent acts on each generation's directive and each weight copy once and counts
 *       resent copies apart ({@link io.popflow.agent.AgentLifecycle}).
 * </ul>
 *
 * In synchronous mode only the latest decision can be in flight at a checkpoint: the next one needs
 * every agent's next report, hence every copy of the latest one applied. The asynchronous operator
 * keeps each agent's latest commands, and the evolution-strategy operator its latest update, and
 * sends them again in the same way. This design needs no barrier logic in the edge, keeps the head
 * stateless, and carries over unchanged to a Kafka-backed edge; it was chosen because the failover
 * tests can check its one claim exactly: after a restore every agent has acted on one directive per
 * generation and one weight copy per lineage event, and the final population is bit-identical to
 * an uninterrupted run.
 */
package io.popflow.flink.feedback;
