package io.popflow.jobs.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * Replaces a file whole: the bytes go to a temporary file beside it, which is then renamed over it
 * in one step. A second Ctrl-C halts the JVM wherever it is ({@link GracefulStop}), and a file
 * written in place over several writes would then be left cut short or empty; replaced this way,
 * a reader (the next command, a resume) finds the old file or the new one, never a part of either.
 *
 * <p>A halt between the two steps leaves the temporary file ({@link #temporaryOf}); a folder that
 * holds one is no less a run's folder ({@link #isLeftoverOf}), and the next write replaces it.
 */
public final class AtomicFiles {
    private static final String SUFFIX = ".tmp";

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temporary = temporaryOf(target);
        try (FileChannel out = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            // a rename that reaches the disk before the data would leave an empty file after a power cut
            out.force(false);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code target} with {@code lines}, each ended by a newline. */
    public static void writeLines(Path target, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        write(target, text.toString());
    }

    /** Where {@code target}'s next content is written before it replaces it: hidden, beside it (the same file system). */
    public static Path temporaryOf(Path target) {
        return target.resolveSibling(temporaryName(target.getFileName().toString()));
    }

    /**
     * Whether {@code name} is the temporary file of one of {@code targets} (file names), left by a
     * write that was halted before its rename.
     */
    public static boolean isLeftoverOf(String name, Collection<String> targets) {
        return targets.stream().anyMatch(t -> temporaryName(t).equals(name));
    }

    private static String temporaryName(String name) {
        return "." + name + SUFFIX;
    }
}
