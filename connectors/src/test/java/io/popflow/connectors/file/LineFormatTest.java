package io.popflow.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines with their numbers, as a dead letter must cite them, and a restore that resumes after the last line read. */
class LineFormatTest {
    @TempDir
    Path dir;

    @Test
    void numbersLinesFromOneSkipsTheHeaderAndStripsLineEndings() throws Exception {
        Path file = Files.write(dir.resolve("a.csv"), "h1,h2\r\n1,2\r\n\n3,4".getBytes(StandardCharsets.UTF_8));
        List<RecordAndPosition<FileLine>> lines =
                readAll(new LineFormat(true).createReader(new Configuration(), split(file, null)));
        assertThat(lines).extracting(l -> l.getRecord().line()).containsExactly(2L, 3L, 4L);
        assertThat(lines)
                .extracting(l -> new String(l.getRecord().value(), StandardCharsets.UTF_8))
                .containsExactly("1,2", "", "3,4");
        assertThat(lines).extracting(RecordAndPosition::getRecordSkipCount).containsExactly(2L, 3L, 4L);
        assertThat(lines.get(0).getRecord().file()).endsWith("/a.csv");
    }

    @Test
    void aRestoredReaderStartsAfterTheLinesItHadRead() throws Exception {
        Path file = Files.write(dir.resolve("b.csv"), "1\n2\n3\n4\n".getBytes(StandardCharsets.UTF_8));
        BulkFormat.Reader<FileLine> reader = new LineFormat(false)
                .restoreReader(
                        new Configuration(), split(file, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2)));
        assertThat(readAll(reader))
                .extracting(l -> new String(l.getRecord().value(), StandardCharsets.UTF_8))
                .containsExactly("3", "4");
    }

    @Test
    void theHeldOutPositionDependsOnTheFileNameAndLineNotTheFolder() {
        byte[] v = {1};
        assertThat(new FileLine("/a/x.csv", 7, 0, v).position())
                .isEqualTo(new FileLine("/b/x.csv", 7, 5, v).position())
                .isNotEqualTo(new FileLine("/a/x.csv", 8, 0, v).position())
                .isNotEqualTo(new FileLine("/a/y.csv", 7, 0, v).position());
    }

    private static FileSourceSplit split(Path file, CheckpointedPosition position) throws Exception {
        long size = Files.size(file);
        return new FileSourceSplit(
                "0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size, 0, size, new String[0], position);
    }

    private static List<RecordAndPosition<FileLine>> readAll(BulkFormat.Reader<FileLine> reader) throws Exception {
        List<RecordAndPosition<FileLine>> all = new ArrayList<>();
        try (reader) {
            BulkFormat.RecordIterator<FileLine> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<FileLine> r;
                while ((r = batch.next()) != null) {
                    all.add(r);
                }
            }
        }
        return all;
    }
}
