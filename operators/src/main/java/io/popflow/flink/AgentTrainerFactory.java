package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.config.PopulationConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Creates {@link AgentTrainerOperator}s with the task's mailbox, which schedules training turns. */
public final class AgentTrainerFactory extends AbstractStreamOperatorFactory<AgentReport>
        implements OneInputStreamOperatorFactory<AgentCommand, AgentReport> {
    private static final long serialVersionUID = 1L;

    private final PopulationConfig config;

    public AgentTrainerFactory(PopulationConfig config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<AgentReport>> T createStreamOperator(
            StreamOperatorParameters<AgentReport> parameters) {
        return (T) new AgentTrainerOperator(parameters, config);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return AgentTrainerOperator.class;
    }
}
