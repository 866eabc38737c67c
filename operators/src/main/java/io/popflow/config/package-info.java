/**
 * Typed, validated run parameters. Every constructor here checks its values, so an invalid
 * configuration cannot be built, and says which option is wrong in one line. No Flink here.
 */
package io.popflow.config;
