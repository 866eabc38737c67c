package io.popflow.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Live heap by class: HotSpot's class histogram (the diagnostic command behind {@code jcmd
 * GC.class_histogram}, which collects garbage first), parsed.
 *
 * @param byClass bytes per class name, e.g. {@code [F} for float arrays
 */
record HeapHistogram(Map<String, Long> byClass) {
    private static final Pattern ROW = Pattern.compile("\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+).*");

    static HeapHistogram take() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\\R")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return new HeapHistogram(bytes);
    }

    long bytes(String className) {
        return byClass.getOrDefault(className, 0L);
    }

    long totalBytes() {
        return byClass.values().stream().mapToLong(Long::longValue).sum();
    }
}
