package io.popflow.flinkcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a long-lived JVM (a TaskManager) holds that a finished job could leak: user-code class
 * loaders still alive after a full GC, JavaCPP deallocator threads, mappings of ND4J's native
 * library, resident memory, and the bytes of natives JavaCPP has extracted.
 *
 * @param userClassLoaders Flink user-code class loaders alive after {@code jcmd GC.run}
 * @param deallocatorThreads threads named "JavaCPP Deallocator"
 * @param nd4jMappings lines of /proc/PID/maps naming libnd4jcpu.so
 * @param residentBytes VmRSS
 * @param javacppCacheBytes bytes under the JavaCPP cache folder
 */
public record ProcessFootprint(
        int userClassLoaders, int deallocatorThreads, int nd4jMappings, long residentBytes, long javacppCacheBytes) {

    /** Measures process {@code pid}, after a full GC in it; {@code javacppCache} may not exist yet. */
    public static ProcessFootprint of(long pid, Path javacppCache) throws IOException {
        jcmd(pid, "GC.run");
        String loaders = jcmd(pid, "VM.classloaders");
        int user = (int) loaders.lines()
                .filter(l -> l.contains("ChildFirstClassLoader") || l.contains("ParentFirstClassLoader"))
                .count();
        Path proc = Path.of("/proc", Long.toString(pid));
        int deallocators = 0;
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    // thread names are cut to 15 characters here: "JavaCPP Dealloc"
                    if (Files.readString(task.resolve("comm")).startsWith("JavaCPP Dealloc")) {
                        deallocators++;
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        int mappings = (int) Files.readAllLines(proc.resolve("maps")).stream()
                .filter(l -> l.contains("libnd4jcpu.so"))
                .count();
        long rss = Files.readAllLines(proc.resolve("status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                .findFirst()
                .orElse(-1);
        return new ProcessFootprint(user, deallocators, mappings, rss, bytesUnder(javacppCache));
    }

    private static String jcmd(long pid, String command) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        CliResult result = CliResult.run(List.of(jcmd.toString(), Long.toString(pid), command), Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + result.output());
        }
        return result.output();
    }

    static long bytesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    @Override
    public String toString() {
        return String.format(
                "%d user class loaders, %d JavaCPP deallocator threads, %d mappings of libnd4jcpu.so, "
                        + "%.0f MB resident, %.0f MB of extracted natives",
                userClassLoaders, deallocatorThreads, nd4jMappings, residentBytes / 1e6, javacppCacheBytes / 1e6);
    }
}
