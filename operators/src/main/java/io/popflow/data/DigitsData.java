package io.popflow.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The UCI optical digits set (Alpaydin &amp; Kaynak 1998, CC BY 4.0), shipped as a resource: 1,797
 * 8x8 images with pixel values 0..16 and a class 0..9. Features are scaled to [0, 1].
 */
public final class DigitsData {
    public static final int FEATURES = 64;
    public static final int CLASSES = 10;
    private static final String RESOURCE = "/io/popflow/task/digits.csv.gz";

    private DigitsData() {}

    public static Dataset load() {
        try (InputStream raw = DigitsData.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("digits data missing from the classpath: " + RESOURCE);
            }
            return parse(new GZIPInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static Dataset parse(InputStream csv) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.US_ASCII));
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != FEATURES + 1) {
                throw new IOException(
                        "digits line " + lineNo + ": expected " + (FEATURES + 1) + " values, got " + cells.length);
            }
            float[] row = new float[FEATURES];
            for (int i = 0; i < FEATURES; i++) {
                row[i] = Integer.parseInt(cells[i].trim()) / 16f;
            }
            rows.add(row);
            labels.add(Integer.parseInt(cells[FEATURES].trim()));
        }
        float[] x = new float[rows.size() * FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * FEATURES, FEATURES);
        }
        return Dataset.classification(
                FEATURES, x, labels.stream().mapToInt(Integer::intValue).toArray(), CLASSES);
    }
}
