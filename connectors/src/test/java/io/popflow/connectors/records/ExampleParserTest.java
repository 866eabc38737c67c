package io.popflow.connectors.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.connectors.records.ExampleFormat.Encoding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExampleParserTest {
    private final ExampleParser csv = new ExampleParser(new ExampleFormat(Encoding.CSV, 3, 10, 1e6));
    private final ExampleParser json = new ExampleParser(new ExampleFormat(Encoding.JSON, 3, 10, 1e6));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAWellFormedCsvLine() {
        ExampleParser.Result r = csv.parse(bytes(" 0.5, -1,2e3 ,7\n"));
        assertThat(r.accepted()).isTrue();
        assertThat(r.features()).containsExactly(0.5f, -1f, 2000f);
        assertThat(r.label()).isEqualTo(7);
    }

    @Test
    void tsvSplitsOnTabsAndRefusesCommas() {
        ExampleParser tsv = new ExampleParser(new ExampleFormat(ExampleFormat.Encoding.TSV, 3, 10, 1e6));
        ExampleParser.Result r = tsv.parse(bytes("0.5\t-1\t2e3\t7"));
        assertThat(r.accepted()).isTrue();
        assertThat(r.features()).containsExactly(0.5f, -1f, 2000f);
        assertThat(tsv.parse(bytes("0.5,-1,2e3,7")).rejection()).isEqualTo(Rejection.UNPARSEABLE);
    }

    @Test
    void acceptsWellFormedJsonAndIgnoresExtraFields() {
        ExampleParser.Result r = json.parse(bytes("{\"features\": [1, 2.5, -3], \"label\": 0, \"source\": \"cam\"}"));
        assertThat(r.accepted()).isTrue();
        assertThat(r.features()).containsExactly(1f, 2.5f, -3f);
        assertThat(r.label()).isZero();
    }

    @Test
    void namesTheFirstFailedCheckOfEachKindOfBadCsv() {
        assertThat(csv.parse(new byte[0]).rejection()).isEqualTo(Rejection.EMPTY);
        assertThat(csv.parse(null).rejection()).isEqualTo(Rejection.EMPTY);
        assertThat(csv.parse(bytes("a,b,c,1")).rejection()).isEqualTo(Rejection.UNPARSEABLE);
        assertThat(csv.parse(bytes("0x1p3,1,1,1")).rejection()).isEqualTo(Rejection.UNPARSEABLE);
        assertThat(csv.parse(bytes("1,,1,1")).rejection()).isEqualTo(Rejection.UNPARSEABLE);
        assertThat(csv.parse(new byte[] {(byte) 0xC3, (byte) 0x28, ',', '1'}).rejection())
                .isEqualTo(Rejection.UNPARSEABLE);
        assertThat(csv.parse(bytes("1,2,1")).rejection()).isEqualTo(Rejection.WRONG_WIDTH);
        assertThat(csv.parse(bytes("1,2,3,4,1")).rejection()).isEqualTo(Rejection.WRONG_WIDTH);
        assertThat(csv.parse(bytes("1,NaN,3,1")).rejection()).isEqualTo(Rejection.NON_FINITE);
        assertThat(csv.parse(bytes("1,-Infinity,3,1")).rejection()).isEqualTo(Rejection.NON_FINITE);
        assertThat(csv.parse(bytes("1,2e7,3,1")).rejection()).isEqualTo(Rejection.ABSURD_MAGNITUDE);
        assertThat(csv.parse(bytes("1,2,3,10")).rejection()).isEqualTo(Rejection.BAD_LABEL);
        assertThat(csv.parse(bytes("1,2,3,-1")).rejection()).isEqualTo(Rejection.BAD_LABEL);
        assertThat(csv.parse(bytes("1,2,3,2.5")).rejection()).isEqualTo(Rejection.BAD_LABEL);
    }

    @Test
    void namesTheFirstFailedCheckOfEachKindOfBadJson() {
        assertThat(json.parse(bytes("{\"features\": [1, 2")).rejection()).isEqualTo(Rejection.UNPARSEABLE);
        assertThat(json.parse(bytes("[1, 2, 3]")).rejection()).isEqualTo(Rejection.UNPARSEABLE);
        assertThat(json.parse(bytes("{\"features\": [1, \"x\", 3], \"label\": 1}"))
                        .rejection())
                .isEqualTo(Rejection.UNPARSEABLE);
        assertThat(json.parse(bytes("{\"features\": [1, NaN, 3], \"label\": 1}"))
                        .rejection())
                .isEqualTo(Rejection.UNPARSEABLE);
        assertThat(json.parse(bytes("{\"features\": [1, 2], \"label\": 1}")).rejection())
                .isEqualTo(Rejection.WRONG_WIDTH);
        assertThat(json.parse(bytes("{\"features\": [1, 1e400, 3], \"label\": 1}"))
                        .rejection())
                .isEqualTo(Rejection.NON_FINITE);
        assertThat(json.parse(bytes("{\"features\": [1, -1e9, 3], \"label\": 1}"))
                        .rejection())
                .isEqualTo(Rejection.ABSURD_MAGNITUDE);
        assertThat(json.parse(bytes("{\"features\": [1, 2, 3], \"label\": \"cat\"}"))
                        .rejection())
                .isEqualTo(Rejection.BAD_LABEL);
        assertThat(json.parse(bytes("{\"features\": [1, 2, 3], \"label\": 12}")).rejection())
                .isEqualTo(Rejection.BAD_LABEL);
    }

    @Test
    void aQuotedFieldReadsAsInATable() {
        ExampleParser.Result r = csv.parse(bytes("\"0.5\", \"-1\" ,2e3,\"7\"\r\n"));
        assertThat(r.accepted()).isTrue();
        assertThat(r.features()).containsExactly(0.5f, -1f, 2000f);
        assertThat(r.label()).isEqualTo(7);
        ExampleParser.Result open = csv.parse(bytes("1,\"2,3,1"));
        assertThat(open.rejection()).isEqualTo(Rejection.UNPARSEABLE);
        assertThat(open.detail()).isEqualTo("a quoted value is not closed (no '\"' after its opening one)");
        ExampleParser.Result quotedComma = csv.parse(bytes("1,\"2,5\",3,1"));
        assertThat(quotedComma.detail())
                .as("a comma inside quotes is no separator")
                .isEqualTo("not a number: field 1 '2,5'");
        assertThat(csv.parse(bytes("1,2,3,1\n4,5,6,1")).detail())
                .isEqualTo("more than one line (a line break outside quotes)");
    }

    @Test
    void aRejectionCarriesAReadableDetail() {
        ExampleParser.Result r = csv.parse(bytes("1,2,3,4,1"));
        assertThat(r.detail()).isEqualTo("4 features, expected 3");
        assertThat(r.features()).isNull();
    }
}
