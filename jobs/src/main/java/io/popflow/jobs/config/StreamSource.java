package io.popflow.jobs.config;

import io.popflow.connectors.records.ExampleFormat;
import io.popflow.option.InvalidOptionException;
import io.popflow.task.StreamTaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Where {@code task: stream} reads its records: their encoding, the validation share, and either a
 * Kafka topic (from where to start) or a watched folder ({@code stream.folder} and its options).
 *
 * @param examples the records' format and validation share
 * @param folder the watched folder, or null for Kafka
 */
record StreamSource(KafkaSettings.ExampleStream examples, FolderOptions folder) {

    /** {@code stream.folder} and its options, the dead-letter file still relative to the output folder. */
    record FolderOptions(Path folder, long intervalMs, boolean header, String deadLetters) {
        FolderSettings resolve(Path output, KafkaSettings.ExampleStream examples) {
            return new FolderSettings(
                    folder,
                    java.time.Duration.ofMillis(intervalMs),
                    examples.format(),
                    header,
                    examples.validationFraction(),
                    deadLetters == null ? output.resolve("dead-letters.jsonl") : Paths.get(deadLetters));
        }
    }

    /**
     * The rest of {@code stream} after {@link StreamTaskSpec#from}: {@code format, max_abs,
     * validation_fraction, start, folder, watch_interval, header, dead_letter_file}.
     */
    static StreamSource read(OptionTree run, StreamTaskSpec spec) {
        OptionTree s = run.child("stream");
        ExampleFormat.Encoding encoding = s.get(ExampleFormat.FORMAT);
        double maxAbs = s.get(ExampleFormat.MAX_ABS);
        double fraction = s.get(KafkaSettings.VALIDATION_FRACTION);
        KafkaSettings.Start start = s.get(KafkaSettings.START);
        String folder = s.get(FolderSettings.FOLDER);
        long interval = s.get(FolderSettings.WATCH_INTERVAL);
        boolean header = s.get(FolderSettings.HEADER);
        String deadLetters = s.get(FolderSettings.DEAD_LETTER_FILE);
        FolderOptions folderOptions = null;
        if (folder != null) {
            Path path = Paths.get(folder);
            InvalidOptionException.require(
                    Files.isDirectory(path),
                    FolderSettings.FOLDER.key(),
                    Files.exists(path) ? folder + " is not a folder" : "folder " + folder + " does not exist");
            InvalidOptionException.require(
                    Files.isReadable(path), FolderSettings.FOLDER.key(), "cannot read folder " + folder);
            folderOptions = new FolderOptions(path, interval, header, deadLetters);
        } else {
            for (var option :
                    List.of(FolderSettings.WATCH_INTERVAL, FolderSettings.HEADER, FolderSettings.DEAD_LETTER_FILE)) {
                InvalidOptionException.require(
                        !s.has(option), option.key(), "needs stream.folder (it applies to a watched folder)");
            }
        }
        s.rejectUnknown();
        return new StreamSource(
                new KafkaSettings.ExampleStream(
                        new ExampleFormat(encoding, spec.features(), spec.classes(), maxAbs),
                        fraction,
                        start == KafkaSettings.Start.LATEST),
                folderOptions);
    }
}
