package io.popflow.connectors.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.records.RawRecord;
import io.popflow.math.SplitMix64;
import java.nio.charset.StandardCharsets;

/**
 * One line of a file in a watched folder, as read (without its line ending): the file, its
 * 1-based line number, the file's modification time, and the bytes.
 */
public record FileLine(String file, long line, long modified, byte[] value) implements RawRecord {

    @Override
    public byte[] key() {
        return null;
    }

    /** By the file's name and the line, so that the held-out choice survives moving the folder. */
    @Override
    public long position() {
        String name = file.substring(file.lastIndexOf('/') + 1);
        long nameHash = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            nameHash = nameHash * 31 + (b & 0xff);
        }
        return SplitMix64.derive(nameHash, line);
    }

    @Override
    public void describeSource(ObjectNode source) {
        source.put("file", file);
        source.put("line", line);
        source.put("timestamp", modified);
    }
}
