package io.popflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard CSV (RFC 4180) as spreadsheets and pandas write it: quoted delimiters, escaped quotes,
 * line breaks inside quotes, a byte-order mark, CRLF; the separator sniffed from the header; messages
 * name the line a record starts on.
 */
class TableParserTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String[] text(Table t, int column) {
        return ((Table.Text) t.columns()[column]).values();
    }

    @Test
    void quotedValuesHoldTheDelimiterEscapedQuotesAndLineBreaks() throws Exception {
        Path f = file(
                "quoted.csv",
                "a,shape,y\n"
                        + "1,\"big, round\",\"yes\"\n"
                        + "2,\"say \"\"hi\"\"\",no\n"
                        + "3,\"two\nlines\",yes\n"
                        + "4, \"padded\" ,no\n");
        Table t = TableParser.read(f, Delimiter.COMMA, true);
        assertThat(t.names()).containsExactly("a", "shape", "y");
        assertThat(text(t, 1)).containsExactly("big, round", "say \"hi\"", "two\nlines", "padded");
        assertThat(text(t, 2)).as("a quoted label has no quotes").containsExactly("yes", "no", "yes", "no");
        assertThat(t.lines()).as("the line each record starts on").containsExactly(2, 3, 4, 6);
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreNotPartOfTheValues() throws Exception {
        Path f = file("excel.csv", "\uFEFFa,b,y\r\n1,2,yes\r\n\r\n3,4,no\r\n");
        Table t = TableParser.read(f, Delimiter.AUTO, true);
        assertThat(t.names()).containsExactly("a", "b", "y");
        assertThat(((Table.Numeric) t.columns()[0]).values()).containsExactly(1.0, 3.0);
        assertThat(text(t, 2)).containsExactly("yes", "no");
        assertThat(t.lines()).containsExactly(2, 4);
    }

    @Test
    void autoTakesTheSeparatorTheHeaderUsesMost() throws Exception {
        Table semicolons = TableParser.read(file("eu.csv", "a;b;y\n1,5;2;yes\n"), Delimiter.AUTO, true);
        assertThat(semicolons.names()).containsExactly("a", "b", "y");
        Table tabs = TableParser.read(file("tabs.csv", "a\tb\ty\n1\t2\tyes\n"), Delimiter.AUTO, true);
        assertThat(tabs.names()).containsExactly("a", "b", "y");
        Table quoted = TableParser.read(file("q.csv", "\"a;b\",c,y\n1,2,3\n"), Delimiter.AUTO, true);
        assertThat(quoted.names())
                .as("a separator inside quotes does not count")
                .containsExactly("a;b", "c", "y");
        Table none = TableParser.read(file("one.tsv", "a\n1\n"), Delimiter.AUTO, true);
        assertThat(none.names()).containsExactly("a");
        assertThat(TableParser.sniff("x,y\tz\n", '\t'))
                .as("a tie goes to the file's kind")
                .isEqualTo('\t');
        assertThat(TableParser.sniff("x,y\tz\n", ',')).isEqualTo(',');
        assertThat(TableParser.sniff("\n\nx;y;z,w\n", ','))
                .as("the first non-blank line")
                .isEqualTo(';');
        assertThat(TableParser.sniff(" \n\t\ty,z\n", ','))
                .as("a header starting with a tab")
                .isEqualTo('\t');
    }

    @Test
    void aRaggedRecordIsNamedByTheLineItStartsOn() throws Exception {
        Path f = file("ragged.csv", "a,b,y\n1,\"x\ny\",2\n3,4\n");
        assertThatThrownBy(() -> TableParser.read(f, Delimiter.COMMA, true))
                .isInstanceOf(TableParser.BadTableException.class)
                .hasMessage(f + ":4: 2 values, where the header has 3");
    }

    @Test
    void aQuoteLeftOpenOrTextAfterAClosingQuote() throws Exception {
        Path open = file("open.csv", "a,b,y\n1,2,3\n4,\"5,6\n7,8,9\n");
        assertThatThrownBy(() -> TableParser.read(open, Delimiter.COMMA, true))
                .hasMessage(open + ":3: a quoted value is not closed (no '\"' after its opening one)");
        Path after = file("after.csv", "a,b,y\n1,\"2\"x,3\n");
        assertThatThrownBy(() -> TableParser.read(after, Delimiter.COMMA, true))
                .hasMessage(after
                        + ":2: text after a quoted value's closing '\"' (a '\"' inside quotes is written '\"\"')");
    }

    @Test
    void oneRecordReadsAsARowOfATableDoes() {
        assertThat(TableParser.values(" 0.5,\"1\", 2 ,\"3,5\"\r\n", ',')).containsExactly("0.5", "1", "2", "3,5");
        assertThat(TableParser.values("\uFEFF1\t\"2\"\t3", '\t')).containsExactly("1", "2", "3");
        assertThat(TableParser.values("", ',')).containsExactly("");
        assertThatThrownBy(() -> TableParser.values("1,2\n3,4", ','))
                .hasMessage("more than one line (a line break outside quotes)");
        assertThatThrownBy(() -> TableParser.values("1,\"2", ','))
                .hasMessage("a quoted value is not closed (no '\"' after its opening one)");
    }
}
