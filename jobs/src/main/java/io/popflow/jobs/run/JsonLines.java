package io.popflow.jobs.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a run's JSON Lines outputs, and cuts the torn last line off one that a halted writer
 * appended to. A line that does not parse is reported as the file's damage ({@link
 * DamagedFileException}), naming the file and the line.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /**
     * Every complete line of {@code file} as a JSON object; none if the file is not there. A last
     * line without its newline is being written by a running job and is left for the next read.
     */
    public static List<JsonNode> read(Path file) throws IOException {
        return lines(file).stream().map(Line::json).toList();
    }

    /** A line of a JSON Lines file: its text as it is in the file, and its object. */
    public record Line(String text, JsonNode json) {}

    /** As {@link #read}, with each line's text. */
    public static List<Line> lines(Path file) throws IOException {
        String text = textOf(file);
        List<Line> rows = new ArrayList<>();
        int start = 0;
        long number = 1;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start), number++) {
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                rows.add(new Line(line, parse(file, number, line)));
            }
        }
        return rows;
    }

    /** The last complete line of {@code file} that is not blank, if any (a torn last line is no line yet). */
    public static Optional<JsonNode> last(Path file) throws IOException {
        String text = textOf(file);
        int end = text.lastIndexOf('\n');
        while (end >= 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                long number =
                        text.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
                return Optional.of(parse(file, number, line));
            }
            end = start - 1;
        }
        return Optional.empty();
    }

    /**
     * Cuts {@code file} back to the end of its last complete line, and says whether it had more: the
     * start of a line whose writer was halted before its newline. A line appended after it would
     * otherwise be glued to it, and the two would read as one line that is not JSON. A missing file
     * is left missing.
     */
    public static boolean cutTornTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long complete = completeLength(channel);
            if (complete == channel.size()) {
                return false;
            }
            channel.truncate(complete);
            return true;
        }
    }

    /**
     * The offset just past the last newline of {@code channel}, 0 if it has none; read back from
     * the end, so only the torn line is read, however long the file.
     */
    private static long completeLength(FileChannel channel) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8192);
        for (long end = channel.size(); end > 0; ) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            while (block.hasRemaining() && channel.read(block, start + block.position()) >= 0) {
                // a read of a regular file may return fewer bytes than asked
            }
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /** The complete lines of {@code file} (up to its last newline), none if it is not there. */
    private static String textOf(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return "";
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        // strict: a torn tail may end inside a character, but a complete line must be whole UTF-8
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            throw DamagedFileException.notText(file);
        }
    }

    private static JsonNode parse(Path file, long number, String line) throws DamagedFileException {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw DamagedFileException.atLine(file, number, e);
        }
    }
}
