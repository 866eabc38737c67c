package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.jobs.config.OptionCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The commands print through the command line's writers, so that a caller (a test) reads what they say. */
class CommandOutputTest {
    private record Printed(int code, String out, String err) {}

    static Printed run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Printed(code, out.toString(), err.toString());
    }

    @Test
    void optionsAreListedOnTheGivenWriter() {
        assertThat(run("options")).isEqualTo(new Printed(0, OptionCatalog.text(), ""));
        assertThat(run("options", "--markdown")).isEqualTo(new Printed(0, OptionCatalog.markdown(), ""));
    }
}
