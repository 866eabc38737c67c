/** Sources and sinks of popflow jobs. */
package io.popflow.connectors;
