package io.popflow.jobs.config;

import io.popflow.connectors.records.ExampleFormat;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stream task fed by a watched folder instead of a Kafka topic ({@code stream.folder}).
 *
 * @param folder the folder whose files, present and future, are the examples
 * @param interval how often it is listed for new files
 * @param format what a valid line looks like (stream.format, stream.features, stream.classes, stream.max_abs)
 * @param header the first line of every file is a header
 * @param validationFraction share of lines held out for fitness
 * @param deadLetters the JSON Lines file refused lines go to
 */
public record FolderSettings(
        Path folder,
        Duration interval,
        ExampleFormat format,
        boolean header,
        double validationFraction,
        Path deadLetters) {

    public static final Option<String> FOLDER = Option.path(
                    "stream.folder",
                    null,
                    "stream: read examples from the files of this folder, watched for new ones, instead of Kafka")
            .defaultIs("none: examples from Kafka")
            .check(s -> !s.isBlank(), "must name a folder")
            .appliesTo(TaskKind.STREAM);
    public static final Option<Long> WATCH_INTERVAL = Option.duration(
                    "stream.watch_interval", 1_000L, "stream.folder: how often the folder is listed for new files")
            .check(ms -> ms >= 10, "must be at least 10ms")
            .appliesTo(TaskKind.STREAM);
    public static final Option<Boolean> HEADER = Option.flag(
                    "stream.header", false, "stream.folder: the first line of every file is a header, not a record")
            .appliesTo(TaskKind.STREAM);
    public static final Option<String> DEAD_LETTER_FILE = Option.path(
                    "stream.dead_letter_file",
                    null,
                    "stream.folder: where refused lines go, as JSON Lines (dead-letter.schema.json)")
            .defaultIs("<output>/dead-letters.jsonl")
            .check(s -> !s.isBlank(), "must name a file")
            .appliesTo(TaskKind.STREAM);

    public static final List<Option<?>> OPTIONS = List.of(FOLDER, WATCH_INTERVAL, HEADER, DEAD_LETTER_FILE);
}
