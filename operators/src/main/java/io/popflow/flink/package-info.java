/**
 * The Flink operators that hold the dynamics' state: the keyed agent trainer (fast time scale), the
 * fitness window and the selection-mutation operator (slow time scale), and the explicit state
 * serializer. They are thin: the dynamics live in the Flink-free packages.
 */
package io.popflow.flink;
