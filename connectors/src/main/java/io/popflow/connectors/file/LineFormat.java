package io.popflow.connectors.file;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * Whole files as lines of bytes, each with its file and line number (Flink's {@code
 * TextLineInputFormat} gives neither, and a dead letter must say where it came from). Bytes stay
 * undecoded so that a line that is not UTF-8 is refused with that reason, not replaced.
 *
 * <p>A file is one split, read from its start; the checkpointed position is the number of lines
 * read, which a restored reader skips. With {@code header}, line 1 of every file is skipped.
 */
public final class LineFormat implements BulkFormat<FileLine, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    private final boolean header;

    public LineFormat(boolean header) {
        this.header = header;
    }

    @Override
    public Reader<FileLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new LineReader(split, 0);
    }

    @Override
    public Reader<FileLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long done = split.getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
        return new LineReader(split, done);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<FileLine> getProducedType() {
        return TypeInformation.of(FileLine.class);
    }

    private final class LineReader implements Reader<FileLine> {
        private final InputStream in;
        private final String file;
        private final long modified;
        /** Lines read so far, header included: the number of the last line read. */
        private long line;

        LineReader(FileSourceSplit split, long linesDone) throws IOException {
            this.in = new BufferedInputStream(split.path().getFileSystem().open(split.path()), 1 << 16);
            this.file = split.path().getPath();
            this.modified = split.fileModificationTime();
            while (line < linesDone && nextLine() != null) {
                line++;
            }
        }

        @Override
        public RecordIterator<FileLine> readBatch() throws IOException {
            List<RecordAndPosition<FileLine>> batch = new ArrayList<>(BATCH);
            byte[] bytes;
            while (batch.size() < BATCH && (bytes = nextLine()) != null) {
                line++;
                if (header && line == 1) {
                    continue;
                }
                batch.add(new RecordAndPosition<>(
                        new FileLine(file, line, modified, bytes), CheckpointedPosition.NO_OFFSET, line));
            }
            if (batch.isEmpty()) {
                return null;
            }
            return new RecordIterator<>() {
                private int next;

                @Override
                public RecordAndPosition<FileLine> next() {
                    return next < batch.size() ? batch.get(next++) : null;
                }

                @Override
                public void releaseBatch() {}
            };
        }

        /** The next line without its "\n" or "\r\n", or null at the end; a last line without "\n" counts. */
        private byte[] nextLine() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                out.write(b);
            }
            if (b == -1 && out.size() == 0) {
                return null;
            }
            byte[] bytes = out.toByteArray();
            int n = bytes.length;
            return n > 0 && bytes[n - 1] == '\r' ? java.util.Arrays.copyOf(bytes, n - 1) : bytes;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
