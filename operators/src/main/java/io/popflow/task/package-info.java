/**
 * What a run's agents learn. A {@link io.popflow.task.TaskSpec} is the serializable description
 * operators rebuild an agent's learner from, and declares the task's options: a gradient task
 * ({@link io.popflow.task.GradientTaskSpec}: an MLP on the digits, a user's table or a stream's
 * examples, or an analytic task with a closed-form effective fitness: the bilevel quadratic, the
 * landscapes, the PBT toy) or a control task ({@link io.popflow.task.ControlTaskSpec}: DQN agents
 * in an environment). A {@link io.popflow.task.Task} is one instance of a gradient task: the
 * training objective of the fast time scale and the validation measurement that is the slow one's
 * fitness. No Flink here.
 */
package io.popflow.task;
