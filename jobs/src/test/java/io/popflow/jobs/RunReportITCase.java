package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.popflow.config.PopulationConfig;
import io.popflow.jobs.report.RunReport;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow report} on a digits run: every chart is a PNG that decodes to a non-empty image,
 * and the HTML page, opened in headless Chromium (Debian's, installed by .ci/run), shows every chart
 * decoded and logs nothing to the console.
 */
class RunReportITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @Test
    void theReportsChartsAndPageOpenInABrowser(@InjectMiniCluster MiniCluster cluster, @TempDir Path dir)
            throws Exception {
        PopulationConfig config =
                JobRuns.config("digits", "population=6", "generations=4", "perturbation_interval=30", "parallelism=2");
        TestStreamEnvironment.setAsContext(cluster, config.parallelism());
        try {
            JobRuns.run(config, dir);
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        Path page = RunReport.write(dir);

        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir.resolve(RunReport.FOLDER))) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(pngs)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "density-batch_size.png",
                        "density-lr.png",
                        "density-weight_decay.png",
                        "fitness.png",
                        "h-batch_size.png",
                        "h-lr.png",
                        "h-weight_decay.png",
                        "lineage.png",
                        "selection.png");
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as("%s", png).isEqualTo(900);
            assertThat(distinctColours(image)).as("%s draws something", png).isGreaterThan(10);
        }

        boolean required = "1".equals(System.getenv("POPFLOW_REQUIRE_CHROMIUM"));
        boolean present = new File("/usr/bin/chromium").canExecute();
        assumeTrue(present || required, "no chromium on this machine (.ci/run installs it and requires this test)");
        Process browser = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--enable-logging=stderr",
                        "--v=0",
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        page.toUri().toString())
                .redirectOutput(dir.resolve("dom.html").toFile())
                .redirectError(dir.resolve("browser.log").toFile())
                .start();
        assertThat(browser.waitFor(2, TimeUnit.MINUTES)).as("chromium finished").isTrue();
        assertThat(browser.exitValue()).isZero();
        String dom = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
        assertThat(dom).contains("data-charts=\"9\"").contains("data-charts-loaded=\"9\"");
        assertThat(Files.readAllLines(dir.resolve("browser.log")))
                .as("console messages of the page")
                .noneMatch(l -> l.contains(":CONSOLE"));
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
