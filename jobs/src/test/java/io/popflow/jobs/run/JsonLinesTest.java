package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a halted writer leaves in a JSON Lines file, and how it is read and repaired: a torn last
 * line (the start of a line, no newline) is no line yet; a line appended after it without the cut
 * is glued to it, which is read as the file's damage, named, never as a bare parser error.
 */
class JsonLinesTest {
    private static final String A = "{\"agent\":0,\"generation\":39,\"fitness\":-1.5}";
    private static final String B = "{\"agent\":1,\"generation\":39,\"fitness\":-1.25}";
    /** The first 13 bytes of a line like B: where a halt between two writes cut it. */
    private static final String TORN = B.substring(0, 13);

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("final-agents.jsonl");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /**
     * The line CI failed on: a torn line and the next line written after it read as one line, and
     * the parser's words for it are those of the CI log ("was expecting a colon ... column 16").
     */
    @Test
    void aLineGluedToATornOneIsTheFilesDamageNamedInOneLine() throws Exception {
        Path f = file(A + "\n" + TORN + A + "\n" + B + "\n");
        assertThat(TORN).isEqualTo("{\"agent\":1,\"g");
        assertThatThrownBy(() -> JsonLines.read(f))
                .isInstanceOf(DamagedFileException.class)
                .hasMessage(f + " is damaged: line 2 is not one JSON object (at column 16: Unexpected character "
                        + "('a' (code 97)): was expecting a colon to separate field name and value); a write to it "
                        + "was cut short, or it was edited");
    }

    @Test
    void aTornLastLineIsNoLineYet() throws Exception {
        Path f = file(A + "\n" + B + "\n" + TORN);
        assertThat(JsonLines.read(f)).extracting(r -> r.get("agent").asInt()).containsExactly(0, 1);
        assertThat(JsonLines.last(f)).map(r -> r.get("agent").asInt()).contains(1);
        assertThat(JsonLines.lines(f)).extracting(JsonLines.Line::text).containsExactly(A, B);
    }

    @Test
    void theLastLineSkipsBlankLinesAndIsAbsentFromAFileWithoutOne() throws Exception {
        assertThat(JsonLines.last(file(A + "\n\n  \n")))
                .map(r -> r.get("agent").asInt())
                .contains(0);
        assertThat(JsonLines.last(file(TORN))).isEmpty();
        assertThat(JsonLines.last(dir.resolve("missing.jsonl"))).isEmpty();
        assertThatThrownBy(() -> JsonLines.last(file(A + "\n" + TORN + B + "\n")))
                .isInstanceOf(DamagedFileException.class)
                .hasMessageContaining("line 2 is not one JSON object");
    }

    /** The repair an appender makes before it appends: the torn start goes, the complete lines stay as they were. */
    @Test
    void cuttingATornTailLeavesTheCompleteLinesByteForByte() throws Exception {
        Path f = file(A + "\n" + B + "\n" + TORN);
        assertThat(JsonLines.cutTornTail(f)).isTrue();
        assertThat(Files.readString(f)).isEqualTo(A + "\n" + B + "\n");
        // what the appender then writes is a line of its own
        Files.writeString(f, B + "\n", StandardOpenOption.APPEND);
        List<JsonNode> rows = JsonLines.read(f);
        assertThat(rows).extracting(r -> r.get("agent").asInt()).containsExactly(0, 1, 1);
    }

    @Test
    void aFileWithoutATornTailIsLeftAsItIs() throws Exception {
        Path f = file(A + "\n" + B + "\n");
        assertThat(JsonLines.cutTornTail(f)).isFalse();
        assertThat(Files.readString(f)).isEqualTo(A + "\n" + B + "\n");
        Path missing = dir.resolve("missing.jsonl");
        assertThat(JsonLines.cutTornTail(missing)).isFalse();
        assertThat(missing).doesNotExist();
        Path onlyTorn = dir.resolve("only-torn.jsonl");
        Files.writeString(onlyTorn, TORN);
        assertThat(JsonLines.cutTornTail(onlyTorn)).isTrue();
        assertThat(onlyTorn).isEmptyFile();
    }

    /** A torn line longer than the block the cut reads back in (8 KiB), so the search spans blocks. */
    @Test
    void aTornLineLongerThanOneReadIsCutAtItsStart() throws Exception {
        String longTorn = "{\"agent\":2,\"params\":\"" + "A".repeat(20_000);
        Path f = file(A + "\n" + longTorn);
        assertThat(JsonLines.cutTornTail(f)).isTrue();
        assertThat(Files.readString(f)).isEqualTo(A + "\n");
    }

    /** A halt can cut a line inside a character of more than one byte: the torn tail is not read, a complete line must be text. */
    @Test
    void aTornTailMayEndInsideACharacterButACompleteLineMayNot() throws Exception {
        byte[] label = "{\"label\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("lines.jsonl");
        byte[] tornInsideE = java.util.Arrays.copyOf(label, 11); // ends with the first byte of é
        Files.write(f, concat((A + "\n").getBytes(StandardCharsets.UTF_8), tornInsideE));
        assertThat(JsonLines.read(f)).hasSize(1);
        Files.write(f, concat(tornInsideE, "\"}\n".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> JsonLines.read(f))
                .isInstanceOf(DamagedFileException.class)
                .hasMessage(f + " is damaged: it holds bytes that are not UTF-8 text; a write to it was cut short, or"
                        + " it was edited");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
