/** JSON forms of popflow's output records. */
package io.popflow.connectors.json;
