package io.popflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.replay.WinnerReplay;
import io.popflow.jobs.report.Charts.Chart;
import io.popflow.jobs.run.AtomicFiles;
import io.popflow.jobs.run.JsonDocument;
import io.popflow.jobs.run.JsonLines;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.run.RunFolder;
import io.popflow.slow.LineOfDescent;
import io.popflow.theory.ReducedPrediction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What a run did, seen: PNG charts made with JFreeChart from a run folder's JSON Lines files, and
 * one self-contained HTML page that holds them (as data URIs) and checks, when a browser loads it,
 * that every chart decoded. Charts: fitness over generations (best, quartiles, median); each
 * hyperparameter's values, agent by agent, and its density in the population as a heatmap; selection events per generation and the final best
 * agent's lineage with its h schedule (not for an evolution strategy, which selects no one), and once {@code popflow replay}
 * has run, the winner's line replayed alone over the run's; a reinforcement-learning run's mean episode return; an evolution
 * strategy's σ.
 */
public final class RunReport {
    public static final String FOLDER = "report";
    public static final String PAGE = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BINS = 30;

    private RunReport() {}

    /** Writes the charts and the page into {@code run}/report; returns the page. */
    public static Path write(Path run) throws IOException {
        return write(run, 0);
    }

    /**
     * As {@link #write(Path)}, for a run that is still going: with {@code refreshSeconds} > 0 the page
     * reloads itself that often, to show what {@code report --follow} redraws.
     */
    public static Path write(Path run, int refreshSeconds) throws IOException {
        List<JsonNode> generations = JsonLines.read(run.resolve("generations.jsonl"));
        if (generations.isEmpty()) {
            throw new IOException(run.resolve("generations.jsonl") + " holds no generation: nothing to report");
        }
        List<Chart> charts = charts(run, generations);
        Path folder = Files.createDirectories(run.resolve(FOLDER));
        StringBuilder images = new StringBuilder();
        for (Chart c : charts) {
            Path png = c.save(folder);
            images.append("<figure><img class=\"chart\" alt=\"")
                    .append(c.title())
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                    .append("\"><figcaption>")
                    .append(c.title())
                    .append(" (")
                    .append(c.file())
                    .append(")</figcaption></figure>\n");
        }
        Path page = folder.resolve(PAGE);
        // a browser reloading the page never reads half of it
        AtomicFiles.write(page, page(run, generations, images.toString(), refreshSeconds));
        return page;
    }

    /** The run's charts, from its files; {@code generations} is its generations.jsonl, not empty. */
    static List<Chart> charts(Path run, List<JsonNode> generations) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Chart> charts = new ArrayList<>();
        charts.add(fitness(generations));
        List<JsonNode> reports = JsonLines.read(run.resolve("reports.jsonl"));
        charts.addAll(hyperparameters(reports));
        charts.addAll(densities(reports, prediction(run, reports)));
        List<JsonNode> distribution = JsonLines.read(run.resolve("distribution.jsonl"));
        if (distribution.isEmpty()) {
            // an evolution strategy selects no one: its charts are σ's
            List<JsonNode> lineage = JsonLines.read(run.resolve("lineage.jsonl"));
            charts.add(selection(generations, lineage));
            charts.add(winnerLineage(generations, reports, lineage, JsonLines.read(run.resolve("final-agents.jsonl"))));
            List<JsonNode> replay = JsonLines.read(run.resolve(WinnerReplay.LINE_FILE));
            if (!replay.isEmpty()) {
                charts.add(replay(replay));
            }
        }
        if (generations.get(0).hasNonNull("episode_return_mean")) {
            charts.add(Charts.line(
                    "returns.png",
                    "Mean episode return",
                    "episode return",
                    series("population mean", generations, "generation", "episode_return_mean")));
        }
        if (!distribution.isEmpty()) {
            charts.add(Charts.line(
                    "sigma.png",
                    "Evolution strategy: σ after each generation",
                    "σ",
                    series("σ", distribution, "generation", "sigma")));
        }
        return charts;
    }

    private static String page(Path run, List<JsonNode> generations, String images, int refreshSeconds)
            throws IOException {
        Path summaryFile = run.resolve("summary.json");
        String test = escape(TestResultText.of(Files.exists(summaryFile) ? JsonDocument.read(summaryFile) : null));
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">%s<title>popflow report: %s</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:960px} figure{margin:1.5em 0}
                figcaption{color:#555;font-size:0.9em} img{max-width:100%%;border:1px solid #ddd}</style></head>
                <body data-charts="%d">
                <h1>popflow run %s</h1>
                <p>%s; %s</p>
                %s<script>
                // the page checks itself: how many charts decoded (a browser test reads the attribute)
                window.addEventListener('load', function () {
                  var charts = document.querySelectorAll('img.chart');
                  var loaded = 0;
                  charts.forEach(function (img) { if (img.complete && img.naturalWidth > 0) { loaded++; } });
                  document.body.setAttribute('data-charts-loaded', String(loaded));
                });
                </script>
                </body></html>
                """.formatted(
                        refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "",
                        escape(run.getFileName().toString()),
                        images.split("<figure>", -1).length - 1,
                        escape(run.getFileName().toString()),
                        Plural.of(generations.size(), "generation"),
                        test,
                        images);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Chart fitness(List<JsonNode> generations) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("best", generations, "generation", "fitness", "max"));
        data.addSeries(series("upper quartile", generations, "generation", "fitness", "q75"));
        data.addSeries(series("median", generations, "generation", "fitness", "median"));
        data.addSeries(series("lower quartile", generations, "generation", "fitness", "q25"));
        return Charts.line("fitness.png", "Fitness over generations", "fitness", data);
    }

    /** One chart per hyperparameter: every agent's value, generation by generation. */
    private static List<Chart> hyperparameters(List<JsonNode> reports) {
        Map<String, Map<Integer, XYSeries>> byName = new LinkedHashMap<>();
        for (JsonNode r : reports) {
            int agent = r.get("agent").asInt();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            r.path("hyperparameters").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                byName.computeIfAbsent(h.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(agent, a -> new XYSeries("agent " + a))
                        .add(r.get("generation").asInt(), h.getValue().asDouble());
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, XYSeries>> e : byName.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (XYSeries s : e.getValue().values()) {
                data.addSeries(s);
                min = Math.min(min, s.getMinY());
                max = Math.max(max, s.getMaxY());
            }
            Chart c = Charts.line(
                    "h-" + e.getKey() + ".png", "Hyperparameter " + e.getKey() + ", every agent", e.getKey(), data);
            XYPlot plot = c.chart().getXYPlot();
            for (int i = 0; i < data.getSeriesCount(); i++) {
                plot.getRenderer().setSeriesStroke(i, new BasicStroke(1f));
            }
            c.chart().removeLegend();
            if (min > 0 && max / min >= 20) {
                plot.setRangeAxis(new LogAxis(e.getKey()));
            }
            charts.add(c);
        }
        return charts;
    }

    /**
     * The reduced equation's prediction for the run, if its configuration is one the equation
     * describes ({@link ReducedPrediction#of}); empty also when the configuration no longer loads
     * (a table file moved): the report is drawn without it.
     */
    private static Optional<ReducedPrediction> prediction(Path run, List<JsonNode> reports) {
        Path config = run.resolve(RunFolder.CONFIG_FILE);
        if (!Files.exists(config) || reports.isEmpty()) {
            return Optional.empty();
        }
        int generations = reports.stream()
                        .mapToInt(r -> r.get("generation").asInt())
                        .max()
                        .orElse(0)
                + 1;
        try {
            return ReducedPrediction.of(
                    ConfigLoader.parse(ConfigLoader.file(config)).population(), generations);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * One heatmap per hyperparameter: the share of the population in each of {@value #BINS} bins of
     * its range (logarithmic when it spans 20x or more), generation by generation: where the
     * population's density of h went. With a {@code prediction}, its median and 10 % and 90 %
     * quantiles over the heatmap of its hyperparameter.
     */
    private static List<Chart> densities(List<JsonNode> reports, Optional<ReducedPrediction> prediction) {
        Map<String, TreeMap<Integer, List<Double>>> byName = new LinkedHashMap<>();
        for (JsonNode r : reports) {
            int g = r.get("generation").asInt();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            r.path("hyperparameters").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                byName.computeIfAbsent(h.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(g, k -> new ArrayList<>())
                        .add(h.getValue().asDouble());
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, List<Double>>> e : byName.entrySet()) {
            double min = e.getValue().values().stream()
                    .flatMap(List::stream)
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElse(0);
            double max = e.getValue().values().stream()
                    .flatMap(List::stream)
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(1);
            boolean log = min > 0 && max / min >= 20;
            DoubleUnaryOperator scale = log ? Math::log10 : v -> v;
            double lo = scale.applyAsDouble(min);
            double width = Math.max(scale.applyAsDouble(max) - lo, 1e-12) / BINS;
            DefaultXYZDataset data = new DefaultXYZDataset();
            int cells = e.getValue().size() * BINS;
            double[][] xyz = new double[3][cells];
            int i = 0;
            for (Map.Entry<Integer, List<Double>> g : e.getValue().entrySet()) {
                int[] counts = new int[BINS];
                for (double v : g.getValue()) {
                    counts[Math.min(BINS - 1, (int) ((scale.applyAsDouble(v) - lo) / width))]++;
                }
                for (int b = 0; b < BINS; b++, i++) {
                    xyz[0][i] = g.getKey();
                    xyz[1][i] = lo + (b + 0.5) * width;
                    xyz[2][i] = counts[b] / (double) g.getValue().size();
                }
            }
            data.addSeries(e.getKey(), xyz);
            XYBlockRenderer renderer = new XYBlockRenderer();
            renderer.setBlockHeight(width);
            renderer.setBlockWidth(1);
            // white where no agent is; then from pale to dark blue in twentieths of the population
            LookupPaintScale paint = new LookupPaintScale(0, 1.0001, Color.WHITE);
            for (int k = 0; k < 20; k++) {
                float t = (k + 1) / 20f;
                paint.add(k == 0 ? 1e-9 : k / 20.0, new Color(1 - 0.9f * t, 1 - 0.6f * t, 1 - 0.3f * t));
            }
            renderer.setPaintScale(paint);
            NumberAxis x = new NumberAxis("generation");
            NumberAxis y = new NumberAxis(log ? "log10 " + e.getKey() : e.getKey());
            y.setAutoRangeIncludesZero(false);
            XYPlot plot = new XYPlot(data, x, y, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            String title = "Density of " + e.getKey() + " in the population, generation by generation";
            boolean predicted =
                    prediction.isPresent() && prediction.get().hyperparameter().equals(e.getKey());
            if (predicted) {
                plot.setDataset(1, quantiles(prediction.get(), scale));
                XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
                for (int k = 0; k < 3; k++) {
                    lines.setSeriesPaint(k, Charts.PALETTE[0]);
                    lines.setSeriesStroke(
                            k,
                            k == 0
                                    ? new BasicStroke(2.5f)
                                    : new BasicStroke(
                                            1.5f,
                                            BasicStroke.CAP_BUTT,
                                            BasicStroke.JOIN_MITER,
                                            10,
                                            new float[] {6, 4},
                                            0));
                }
                lines.setSeriesVisibleInLegend(2, false);
                plot.setRenderer(1, lines);
                plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
                renderer.setSeriesVisibleInLegend(0, false);
                title += ", and the reduced equation's prediction";
            }
            JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, predicted);
            chart.setBackgroundPaint(Color.WHITE);
            NumberAxis shareAxis = new NumberAxis("share of the population");
            shareAxis.setRange(0, 1);
            PaintScaleLegend legend = new PaintScaleLegend(paint, shareAxis);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setMargin(4, 4, 4, 4);
            chart.addSubtitle(legend);
            charts.add(new Chart("density-" + e.getKey() + ".png", title, chart));
        }
        return charts;
    }

    /** The prediction's median and 10 % and 90 % quantiles by generation, in the heatmap's units. */
    private static XYSeriesCollection quantiles(ReducedPrediction p, DoubleUnaryOperator scale) {
        XYSeriesCollection data = new XYSeriesCollection();
        String[] names = {"reduced equation: median", "reduced equation: 10 % and 90 %", "90 %"};
        double[] qs = {0.5, 0.1, 0.9};
        for (int k = 0; k < qs.length; k++) {
            XYSeries s = new XYSeries(names[k]);
            for (int g = 0; g < p.densities().length; g++) {
                s.add(g, scale.applyAsDouble(p.domain().fromCoordinate(p.quantile(g, qs[k]))));
            }
            data.addSeries(s);
        }
        return data;
    }

    private static Chart selection(List<JsonNode> generations, List<JsonNode> lineage) {
        TreeMap<Integer, Integer> events = new TreeMap<>();
        for (JsonNode g : generations) {
            events.put(g.get("generation").asInt(), 0);
        }
        for (JsonNode e : lineage) {
            events.merge(e.get("generation").asInt(), 1, Integer::sum);
        }
        XYSeries s = new XYSeries("exploit-explore events");
        events.forEach(s::add);
        return Charts.line(
                "selection.png",
                "Selection events per generation (copies, resets, mutations)",
                "events",
                new XYSeriesCollection(s));
    }

    /**
     * The final best agent's line (whose weights it carried, generation by generation; a marker
     * where it was copied from another agent) over one panel per hyperparameter: the schedule of h
     * the winning weights were trained with.
     */
    private static Chart winnerLineage(
            List<JsonNode> generations, List<JsonNode> reports, List<JsonNode> lineage, List<JsonNode> finals) {
        int last = generations.get(generations.size() - 1).get("generation").asInt();
        int winner = generations.get(generations.size() - 1).get("best_agent").asInt();
        double best = Double.NEGATIVE_INFINITY;
        for (JsonNode f : finals) {
            if (f.path("fitness").isNumber() && f.get("fitness").asDouble() > best) {
                best = f.get("fitness").asDouble();
                winner = f.get("agent").asInt();
            }
        }
        LineOfDescent line = WinnerLineage.trace(winner, last, lineage);
        Map<Long, JsonNode> byAgent = new HashMap<>();
        for (JsonNode r : reports) {
            byAgent.put(
                    LineOfDescent.key(
                            r.get("generation").asInt(), r.get("agent").asInt()),
                    r);
        }
        XYSeries carrier = new XYSeries("weights of agent");
        XYSeries copied = new XYSeries("donor: its weights were copied after this generation");
        Map<String, XYSeries> schedule = new LinkedHashMap<>();
        for (int g = line.firstGeneration(); g <= last; g++) {
            int a = line.agents()[g];
            carrier.add(g, a);
            if (line.copies()[g]) {
                copied.add(g, a);
            }
            JsonNode r = byAgent.get(LineOfDescent.key(g, a));
            if (r != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                r.path("hyperparameters").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> h = it.next();
                    schedule.computeIfAbsent(h.getKey(), XYSeries::new)
                            .add(g, h.getValue().asDouble());
                }
            }
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("generation"));
        XYSeriesCollection who = new XYSeriesCollection(carrier);
        who.addSeries(copied);
        XYLineAndShapeRenderer whoRenderer = new XYLineAndShapeRenderer();
        whoRenderer.setSeriesShapesVisible(0, false);
        whoRenderer.setSeriesPaint(0, Charts.PALETTE[1]);
        whoRenderer.setSeriesLinesVisible(1, false);
        whoRenderer.setSeriesPaint(1, Charts.PALETTE[0]);
        NumberAxis agentAxis = new NumberAxis("agent");
        agentAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.add(new XYPlot(who, null, agentAxis, whoRenderer), 2);
        int colour = 2;
        for (Map.Entry<String, XYSeries> h : schedule.entrySet()) {
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, Charts.PALETTE[colour++ % Charts.PALETTE.length]);
            XYSeries s = h.getValue();
            ValueAxis axis;
            if (s.getMinY() > 0 && s.getMaxY() / s.getMinY() >= 20) {
                axis = new LogAxis(h.getKey());
            } else {
                NumberAxis linear = new NumberAxis(h.getKey());
                linear.setAutoRangeIncludesZero(false);
                axis = linear;
            }
            plot.add(new XYPlot(new XYSeriesCollection(s), null, axis, r), 1);
        }
        for (Object sub : plot.getSubplots()) {
            XYPlot p = (XYPlot) sub;
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        String title = "Lineage of the final best agent " + winner + ": whose weights, and the h they trained with";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new Chart("lineage.png", title, chart);
    }

    /** The winner's line as the run trained it (a line) and as {@code popflow replay} retrained it alone (markers). */
    private static Chart replay(List<JsonNode> replay) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("in the run", replay, "generation", "original", "raw_fitness"));
        data.addSeries(series("replayed alone", replay, "generation", "raw_fitness", null));
        Chart c = Charts.line(
                "replay.png",
                "The final best agent's line: in the run, and replayed alone (popflow replay)",
                "fitness at the end of the generation",
                data);
        Charts.markersOnly(c, 1);
        return c;
    }

    private static XYSeriesCollection series(String name, List<JsonNode> rows, String x, String... y) {
        return new XYSeriesCollection(series(name, rows, x, y[0], y.length > 1 ? y[1] : null));
    }

    private static XYSeries series(String name, List<JsonNode> rows, String x, String field, String sub) {
        XYSeries s = new XYSeries(name);
        for (JsonNode r : rows) {
            JsonNode v = sub == null ? r.get(field) : r.path(field).get(sub);
            if (v != null && v.isNumber()) {
                s.add(r.get(x).asDouble(), v.asDouble());
            }
        }
        return s;
    }
}
