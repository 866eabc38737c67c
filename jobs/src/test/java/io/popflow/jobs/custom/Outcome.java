package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.cli.Popflow;
import java.io.PrintWriter;
import java.io.StringWriter;

/** What a popflow command run in this JVM ended with: its exit code and what it printed. */
record Outcome(int code, String out, String err) {

    static Outcome of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Refused before anything ran: exactly {@code line} after "popflow: " on stderr, exit code 2. */
    void assertRefused(String line) {
        assertThat(err).isEqualTo("popflow: " + line + System.lineSeparator());
        assertThat(code).isEqualTo(2);
    }
}
