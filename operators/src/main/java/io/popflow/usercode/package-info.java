/**
 * A user's own classes in a run: made by name from the jars given with {@code --jar} (the thread's
 * class loader on the command line, the job's user-code class loader in a Flink task), each way a
 * class can be unusable refused in one line naming the class, the jar and the reason, and given the
 * run's {@code custom.options}. The tasks ({@code io.popflow.task}) and the environments ({@code
 * io.popflow.rl}) that wrap a user's class both use it.
 */
package io.popflow.usercode;
