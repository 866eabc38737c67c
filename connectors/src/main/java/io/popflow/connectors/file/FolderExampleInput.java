package io.popflow.connectors.file;

import io.popflow.connectors.records.DeadLetter;
import io.popflow.connectors.records.ExampleDecoder;
import io.popflow.connectors.records.ExampleFormat;
import io.popflow.data.LabeledExample;
import io.popflow.flink.ExampleInput;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Training examples from the files of a folder that Flink's {@code FileSource} watches
 * ({@code monitorContinuously}): every file already there and every file that appears later is read
 * once, line by line (files already read are in the checkpoints, so a restore neither skips nor
 * repeats one). Lines are checked by the same {@link ExampleDecoder} as Kafka records; refused ones go
 * to a JSON Lines file, one dead letter per line, in the dead-letter topic's schema with the file and
 * line as their source.
 *
 * <p>Write a file elsewhere and move it into the folder: a file is read when it is first seen, and
 * one still being written would be read in part.
 *
 * @param folder the watched folder
 * @param interval how often it is listed for new files
 * @param format what a valid line looks like
 * @param header the first line of every file is a header, not a record
 * @param validationFraction share of lines held out for fitness
 * @param deadLetters the dead-letter file (written exactly once, by one writer)
 */
public record FolderExampleInput(
        String folder,
        Duration interval,
        ExampleFormat format,
        boolean header,
        double validationFraction,
        String deadLetters)
        implements ExampleInput {

    public FolderExampleInput(
            Path folder,
            Duration interval,
            ExampleFormat format,
            boolean header,
            double validationFraction,
            Path deadLetters) {
        this(
                folder.toAbsolutePath().toString(),
                interval,
                format,
                header,
                validationFraction,
                deadLetters.toAbsolutePath().toString());
    }

    @Override
    public DataStream<LabeledExample> examples(StreamExecutionEnvironment env) {
        FileSource<FileLine> source = FileSource.forBulkFileFormat(
                        new LineFormat(header), new org.apache.flink.core.fs.Path(folder))
                .monitorContinuously(interval)
                .build();
        SingleOutputStreamOperator<LabeledExample> decoded = ExampleDecoder.decode(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "examples-folder")
                        .uid("examples-folder"),
                format,
                validationFraction);
        decoded.getSideOutput(ExampleDecoder.DEAD_LETTERS)
                .sinkTo(new JsonLinesFileSink<DeadLetter.Encoded>(Paths.get(deadLetters), DeadLetter.Encoded::text))
                .name("dead-letter-file")
                .uid("dead-letter-file")
                .setParallelism(1);
        return decoded;
    }

    @Override
    public String toString() {
        return "examples from files in " + folder + " (" + format.encoding() + ", " + format.features()
                + " features, watched every " + interval.toMillis() + " ms); dead letters to " + deadLetters;
    }
}
