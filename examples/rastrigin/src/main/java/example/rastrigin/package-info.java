/**
 * A user's objective for popflow, {@link example.rastrigin.Rastrigin}: a project that depends on
 * popflow-api alone, as a user's own would.
 */
package example.rastrigin;
