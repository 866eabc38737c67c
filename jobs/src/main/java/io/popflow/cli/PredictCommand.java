package io.popflow.cli;

import io.popflow.data.Delimiter;
import io.popflow.data.Table;
import io.popflow.data.TableParser;
import io.popflow.jobs.serving.BatchPrediction;
import io.popflow.jobs.serving.RefusedInputException;
import io.popflow.jobs.serving.ScoringModel;
import io.popflow.jobs.serving.TableInput;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code popflow predict MODEL.onnx DATA.csv}: an exported model scores a CSV file's rows. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score a CSV or TSV file's rows with an exported model (MODEL.onnx and the MODEL.json beside it).",
            "",
            "The file is read as the table task reads one (header, delimiter, quoting, missing values: empty, NA "
                    + "or ?) and must hold the model's columns by name, in any order, and no others but its label "
                    + "column. Writes CSV: line (the row's line in DATA.csv), then label and p_<class> per class, "
                    + "the target's value, or action and q_<i>. With the label column in the file, prints the "
                    + "accuracy (or R² and MAE) to standard error. A file that does not fit is refused with one "
                    + "line naming the column, exit 2, before any row is scored.",
            ""
        })
final class PredictCommand implements Callable<Integer> {
    enum Unknown {
        error,
        ignore
    }

    enum DelimiterChoice {
        auto(Delimiter.AUTO),
        comma(Delimiter.COMMA),
        semicolon(Delimiter.SEMICOLON),
        tab(Delimiter.TAB);

        final Delimiter delimiter;

        DelimiterChoice(Delimiter delimiter) {
            this.delimiter = delimiter;
        }
    }

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "An exported model (MODEL.json beside it).")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA.csv", description = "The rows to score.")
    Path data;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the predictions here (default: standard output).")
    Path output;

    @Option(
            names = "--unknown",
            paramLabel = "error|ignore",
            defaultValue = "error",
            description = "A text value the model did not see in training: refused (error, the default), or "
                    + "scored as no category (ignore).")
    Unknown unknown;

    @Option(
            names = "--delimiter",
            paramLabel = "auto|comma|semicolon|tab",
            defaultValue = "auto",
            description = "The file's separator (auto: the one its first line uses most).")
    DelimiterChoice delimiter;

    @Option(
            names = "--no-header",
            description = "The file's first line is a row; its columns are column1, column2, ...")
    boolean noHeader;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ScoringModel scoring = ScoringModel.load(model)) {
            TableInput input = TableInput.match(readTable(), scoring.metadata());
            boolean ignore = unknown == Unknown.ignore;
            String measure;
            if (output == null) {
                Writer out = spec.commandLine().getOut();
                measure = BatchPrediction.write(scoring, input, ignore, out);
                out.flush();
            } else {
                // a refused or failed file leaves no half-written predictions under the asked name
                Path partial = output.resolveSibling(output.getFileName() + ".partial");
                try (Writer out = Files.newBufferedWriter(partial)) {
                    measure = BatchPrediction.write(scoring, input, ignore, out);
                } catch (Exception e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            }
            if (measure != null) {
                spec.commandLine().getErr().println("predict: " + measure);
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    private Table readTable() throws java.io.IOException {
        try {
            return TableParser.read(data, delimiter.delimiter, !noHeader);
        } catch (NoSuchFileException e) {
            throw new RefusedInputException(data + ": no such file");
        } catch (TableParser.BadTableException e) {
            throw new RefusedInputException(e.getMessage());
        }
    }
}
