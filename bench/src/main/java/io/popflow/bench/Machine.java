package io.popflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.model.dense.DenseOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a figure was measured on: throughput figures compare only on the same CPU, and the
 * dense kernels' speed depends on the vector width the JVM offers.
 */
final class Machine {
    private Machine() {}

    static ObjectNode describe() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("cpu_model", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        // "simd-16" is 16 float lanes (512 bits), "scalar" a JVM without the Vector API module
        m.put("dense_kernel", DenseOps.best().name());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    /** The first "model name" of /proc/cpuinfo (Linux), else the JVM's architecture name. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the architecture is what is left to say
        }
        return System.getProperty("os.arch");
    }
}
