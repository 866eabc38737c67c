package io.popflow.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The ONNX project's own checker ({@code onnx.checker.check_model(model, full_check=True)}, with
 * shape inference), from Debian's python3-onnx: an independent judge of an exported file. Skipped
 * where the package is missing, except in CI ({@code POPFLOW_REQUIRE_ONNX_CHECKER=1}), which
 * installs it.
 */
final class OnnxChecker {
    /** Debian's Python: another python3 may come first on PATH, without the package. */
    private static final String PYTHON = "/usr/bin/python3";

    private OnnxChecker() {}

    static void check(Path model) throws IOException, InterruptedException {
        boolean required = "1".equals(System.getenv("POPFLOW_REQUIRE_ONNX_CHECKER"));
        Process probe = new ProcessBuilder(PYTHON, "-c", "import onnx")
                .redirectErrorStream(true)
                .start();
        boolean installed = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        Assumptions.assumeTrue(
                installed || required,
                "skipped: Debian's python3-onnx is not installed (apt-get install python3-onnx), so the ONNX checker cannot run");
        Process p = new ProcessBuilder(
                        PYTHON,
                        "-c",
                        "import onnx, sys; m = onnx.load(sys.argv[1]); "
                                + "onnx.checker.check_model(m, full_check=True); print('checked', m.opset_import[0].version)",
                        model.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the checker ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("onnx.checker on " + model + ": " + out).isZero();
        assertThat(out.strip()).isEqualTo("checked 17");
    }
}
