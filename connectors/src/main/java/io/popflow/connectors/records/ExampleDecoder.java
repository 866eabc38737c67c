package io.popflow.connectors.records;

import io.popflow.data.LabeledExample;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Raw training records to examples: what parses and passes every check goes on, held out or not by
 * its position; everything else goes to {@link #DEAD_LETTERS} with its reason. Counts are Flink
 * metrics: {@code examplesAccepted}, {@code examplesRejected}, and {@code rejected.<reason>}.
 */
public final class ExampleDecoder<R extends RawRecord> extends ProcessFunction<R, LabeledExample> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter.Encoded> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.Encoded.class));

    private final ExampleParser parser;
    private final double validationFraction;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient Map<Rejection, Counter> byReason;

    /** {@code raw} decoded by an {@code example-decoder} operator; its refused records are its {@link #DEAD_LETTERS} side output. */
    public static <R extends RawRecord> SingleOutputStreamOperator<LabeledExample> decode(
            DataStream<R> raw, ExampleFormat format, double validationFraction) {
        return raw.process(new ExampleDecoder<R>(format, validationFraction), TypeInformation.of(LabeledExample.class))
                .name("example-decoder")
                .uid("example-decoder");
    }

    public ExampleDecoder(ExampleFormat format, double validationFraction) {
        this.parser = new ExampleParser(format);
        this.validationFraction = validationFraction;
    }

    @Override
    public void open(OpenContext context) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        accepted = metrics.counter("examplesAccepted");
        rejected = metrics.counter("examplesRejected");
        byReason = new EnumMap<>(Rejection.class);
        MetricGroup reasons = metrics.addGroup("rejected");
        for (Rejection r : Rejection.values()) {
            byReason.put(r, reasons.counter(r.code()));
        }
    }

    @Override
    public void processElement(R record, Context ctx, Collector<LabeledExample> out) {
        ExampleParser.Result r = parser.parse(record.value());
        if (r.accepted()) {
            accepted.inc();
            out.collect(new LabeledExample(
                    r.features(), r.label(), HeldOut.isValidation(record.position(), validationFraction)));
        } else {
            rejected.inc();
            byReason.get(r.rejection()).inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(r.rejection(), r.detail(), record).encoded());
        }
    }
}
