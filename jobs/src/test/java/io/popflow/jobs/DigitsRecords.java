package io.popflow.jobs;

import io.popflow.data.Dataset;
import io.popflow.data.DigitsData;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/** The digits data set as training records for a topic: CSV lines of 64 features in [0, 1], then the label. */
final class DigitsRecords {
    private static final Dataset DIGITS = DigitsData.load();

    private DigitsRecords() {}

    static int size() {
        return DIGITS.size();
    }

    /** Row {@code i mod size} with its label mapped by {@code label} (a drift of the labels). */
    static byte[] csv(int i, IntUnaryOperator label) {
        int row = Math.floorMod(i, DIGITS.size());
        StringBuilder sb = new StringBuilder(64 * 6);
        for (int c = 0; c < DIGITS.features(); c++) {
            sb.append(String.format(Locale.ROOT, "%.4f", DIGITS.feature(row, c)))
                    .append(',');
        }
        sb.append(label.applyAsInt(DIGITS.label(row)));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] csv(int i) {
        return csv(i, IntUnaryOperator.identity());
    }
}
