/** Output handed to code in the same JVM, for analyses of embedded runs. */
package io.popflow.connectors.memory;
