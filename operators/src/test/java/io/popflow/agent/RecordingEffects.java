package io.popflow.agent;

import java.util.ArrayList;
import java.util.List;

/** Collects what an agent emits. */
final class RecordingEffects implements AgentEffects {
    final List<AgentReport> reports = new ArrayList<>();
    final List<WeightTransfer> sent = new ArrayList<>();
    final List<FinalAgent> finals = new ArrayList<>();

    @Override
    public void report(AgentReport report) {
        reports.add(report);
    }

    @Override
    public void send(int recipient, WeightTransfer transfer) {
        sent.add(transfer);
    }

    @Override
    public void finish(FinalAgent agent) {
        finals.add(agent);
    }
}
