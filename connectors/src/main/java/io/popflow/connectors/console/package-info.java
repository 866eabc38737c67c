/** Human-readable progress on the console. */
package io.popflow.connectors.console;
