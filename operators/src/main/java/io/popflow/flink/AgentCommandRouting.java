package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.flink.feedback.FeedbackRouting;

/** Agent commands travel on the channel of their agent; end-of-run markers name their channel. */
public final class AgentCommandRouting implements FeedbackRouting<AgentCommand> {
    private static final long serialVersionUID = 1L;

    @Override
    public int route(AgentCommand command) {
        return command.route();
    }

    @Override
    public boolean isEndOfRun(AgentCommand command) {
        return command.isEndOfRun();
    }
}
