package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import java.nio.file.Path;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job graph as built, before anything runs. */
class PopulationTrainingJobTest {
    @TempDir
    Path dir;

    private StreamGraph graph(String preset) {
        PopulationConfig config = JobRuns.config(preset);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PopulationTrainingJob.withInJvmFeedback(config, JobSinks.files(dir, config.space(), config.generations(), true))
                .build(env);
        return env.getStreamGraph();
    }

    /** Records and state never fall back to Kryo: generic types are off and no serializer is Kryo's. */
    @Test
    void everyRecordTypeHasAnExplicitSerializer() {
        StreamGraph graph = graph("digits");
        assertThat(graph.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled())
                .isTrue();
        for (StreamNode node : graph.getStreamNodes()) {
            for (TypeSerializer<?> in : node.getTypeSerializersIn()) {
                assertThat(in).as("input of %s", node.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
            }
            if (node.getTypeSerializerOut() != null) {
                assertThat(node.getTypeSerializerOut())
                        .as("output of %s", node.getOperatorName())
                        .isNotInstanceOf(KryoSerializer.class);
            }
        }
    }

    /** Every operator carries a uid, so savepoints survive changes to the graph. */
    @Test
    void everyOperatorHasAUid() {
        for (StreamNode node : graph("quadratic").getStreamNodes()) {
            assertThat(node.getTransformationUID())
                    .as("uid of %s", node.getOperatorName())
                    .isNotBlank();
        }
    }
}
