package io.popflow.data;

import java.util.random.RandomGenerator;

/**
 * A seeded, stratified-free random split of a data set into train, validation and test parts.
 *
 * @param train rows the fast dynamics sees
 * @param validation rows the fitness is measured on
 * @param test rows seen only once, by the final best agent
 */
public record DatasetSplit(Dataset train, Dataset validation, Dataset test) implements SupervisedData {

    /**
     * Every part holds rows: an empty validation part would make every agent's fitness NaN, which
     * reads as "diverged" (a task refuses such data before a run; this is the last guard).
     */
    public DatasetSplit {
        if (train.size() == 0 || validation.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("a split part is empty: train " + train.size() + ", validation "
                    + validation.size() + ", test " + test.size() + " rows");
        }
    }

    @Override
    public int trainRows() {
        return train.size();
    }

    /**
     * Shuffles the rows with {@code rng} (Fisher-Yates) and cuts them by the given fractions; the
     * test part takes what is left.
     */
    public static DatasetSplit of(Dataset all, double trainFraction, double validationFraction, RandomGenerator rng) {
        if (trainFraction <= 0 || validationFraction <= 0 || trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("split fractions must be positive and leave a test part: "
                    + trainFraction + ", " + validationFraction);
        }
        int[] rows = all.allRows();
        for (int i = rows.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        int nTrain = (int) Math.round(all.size() * trainFraction);
        int nValidation = (int) Math.round(all.size() * validationFraction);
        return new DatasetSplit(
                all.select(java.util.Arrays.copyOfRange(rows, 0, nTrain)),
                all.select(java.util.Arrays.copyOfRange(rows, nTrain, nTrain + nValidation)),
                all.select(java.util.Arrays.copyOfRange(rows, nTrain + nValidation, rows.length)));
    }
}
