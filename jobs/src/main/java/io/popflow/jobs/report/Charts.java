package io.popflow.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeriesCollection;

/** The look every popflow chart shares (JFreeChart): a report's and an experiment's. */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 420;
    /** Distinct on white (the first lines of a chart: best, quartiles, median). */
    static final Color[] PALETTE = {
        new Color(0xd62728),
        new Color(0x1f77b4),
        new Color(0x2ca02c),
        new Color(0x9467bd),
        new Color(0xff7f0e),
        new Color(0x8c564b),
        new Color(0x17becf)
    };

    private Charts() {}

    /** One chart: its file name, title and image. */
    public record Chart(String file, String title, JFreeChart chart) {
        /** Writes it as a PNG into {@code folder}; returns the file. */
        public Path save(Path folder) throws IOException {
            Path png = folder.resolve(file);
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
            return png;
        }
    }

    /** Lines over generations. */
    public static Chart line(String file, String title, String yLabel, XYSeriesCollection data) {
        return line(file, title, "generation", yLabel, data);
    }

    /** Lines, each series in the next colour of the palette, on white with grey grid lines. */
    public static Chart line(String file, String title, String xLabel, String yLabel, XYSeriesCollection data) {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(false);
        // beyond the palette (a line per agent) JFreeChart's own many colours tell the lines apart better
        for (int i = 0; i < Math.min(data.getSeriesCount(), PALETTE.length); i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        // zoom on the data, but not on a constant (σ of a strategy that keeps it): that axis would be all one label
        Range range = DatasetUtils.findRangeBounds(data);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(range == null || range.getLength() == 0);
        return new Chart(file, title, chart);
    }

    /** As {@link #line}, on logarithmic axes (both). */
    public static Chart logLog(String file, String title, String xLabel, String yLabel, XYSeriesCollection data) {
        Chart c = line(file, title, xLabel, yLabel, data);
        XYPlot plot = c.chart().getXYPlot();
        for (LogAxis axis : new LogAxis[] {new LogAxis(xLabel), new LogAxis(yLabel)}) {
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.####"));
            if (axis.getLabel().equals(xLabel)) {
                plot.setDomainAxis(axis);
            } else {
                plot.setRangeAxis(axis);
            }
        }
        return c;
    }

    /** Series {@code index} of a line chart drawn as markers only. */
    public static void markersOnly(Chart c, int index) {
        XYLineAndShapeRenderer r =
                (XYLineAndShapeRenderer) c.chart().getXYPlot().getRenderer();
        r.setSeriesShapesVisible(index, true);
        r.setSeriesLinesVisible(index, false);
    }

    /** Series {@code index} of a line chart drawn dashed (a prediction, a reference). */
    public static void dashed(Chart c, int index) {
        XYLineAndShapeRenderer r =
                (XYLineAndShapeRenderer) c.chart().getXYPlot().getRenderer();
        r.setSeriesStroke(
                index, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    }
}
