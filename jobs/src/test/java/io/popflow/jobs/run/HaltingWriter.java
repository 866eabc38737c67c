package io.popflow.jobs.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A JVM that replaces one file with version 1, 2, 3, ... of a document until another of its threads
 * halts it, as {@link GracefulStop}'s second Ctrl-C does: wherever the writing thread is then.
 *
 * <p>Arguments: the file, the writes to complete before the halt can come, the microseconds after
 * the last of them that it comes, and how it writes:
 * {@code atomic} ({@link AtomicFiles}), or {@code in-place} (one {@code Files.write}, as the run's
 * end-of-run files were written before) to see by hand what a halt does to a file written so: of 7
 * halts at {@link AtomicFilesTest}'s moments, 2 left it cut short here (one empty, one at 992 KiB).
 */
final class HaltingWriter {
    /** A document of about 1 MiB: its write takes many system calls (Files.write makes them 8 KiB each). */
    static final int PAD = 1 << 20;

    private HaltingWriter() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int writesBefore = Integer.parseInt(args[1]);
        long micros = Long.parseLong(args[2]);
        boolean atomic = switch (args[3]) {
            case "atomic" -> true;
            case "in-place" -> false;
            default -> throw new IllegalArgumentException("atomic or in-place, not " + args[3]);
        };
        String pad = "x".repeat(PAD);
        AtomicInteger written = new AtomicInteger();
        Thread halter = new Thread(() -> {
            while (written.get() < writesBefore) {
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(micros * 1000);
            Runtime.getRuntime().halt(GracefulStop.ABORTED);
        });
        halter.setDaemon(true);
        halter.start();
        for (long version = 1; ; version++) {
            String document = "{\"version\":" + version + ",\"pad\":\"" + pad + "\"}\n";
            if (atomic) {
                AtomicFiles.write(target, document);
            } else {
                Files.writeString(target, document);
            }
            written.incrementAndGet();
        }
    }
}
