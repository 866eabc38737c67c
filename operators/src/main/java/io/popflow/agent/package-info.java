/**
 * One agent between the two time scales: its state, the commands it receives (seed, directive,
 * weights), the records it emits, and {@link io.popflow.agent.AgentLifecycle}, the idempotent
 * protocol that ties them together. No Flink here.
 */
package io.popflow.agent;
