package io.popflow.connectors.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.FinalAgent;
import io.popflow.es.DistributionSummary;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.LineageEvent;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * The JSON form of popflow's output records, one object per line: snake_case keys, hyperparameters
 * as {@code {"name": value}} objects, and null where a number is not finite (JSON has no NaN).
 */
public final class RecordJson implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HyperparameterSpace space;
    private final String run;

    /** @param space the run's hyperparameter space: names of h's entries, and which are counts */
    public RecordJson(HyperparameterSpace space) {
        this(space, null);
    }

    /**
     * Records that name their run in a {@code run} field (for topics that several runs share).
     *
     * @param run the run id, or null for no such field
     */
    public RecordJson(HyperparameterSpace space, String run) {
        this.space = space;
        this.run = run;
    }

    public String report(AgentReport r) {
        ObjectNode o = record();
        o.put("agent", r.agent());
        o.put("generation", r.generation());
        o.put("steps", r.steps());
        o.set("hyperparameters", hyperparameters(r.hyperparameters()));
        number(o, "fitness", r.fitness());
        number(o, "raw_fitness", r.rawFitness());
        number(o, "true_fitness", r.trueFitness());
        number(o, "train_loss", r.trainLoss());
        number(o, "validation_loss", r.validationLoss());
        number(o, "validation_accuracy", r.validationAccuracy());
        if (!Double.isNaN(r.episodeReturn())) {
            o.put("episode_return", r.episodeReturn());
        }
        o.put("diverged", r.diverged());
        if (r.decisionLatencyMicros() >= 0) {
            o.put("decision_latency_ms", r.decisionLatencyMicros() / 1000.0);
        } else {
            o.putNull("decision_latency_ms");
        }
        // hex text: a 64-bit state is beyond the integers JSON readers such as JavaScript keep exactly
        o.put("rng_state", HexFormat.of().toHexDigits(r.rngState()));
        return write(o);
    }

    public String summary(GenerationSummary s) {
        ObjectNode o = record();
        o.put("generation", s.generation());
        o.put("population", s.population());
        o.put("diverged", s.diverged());
        o.put("agent_steps", s.agentSteps());
        o.put("best_agent", s.bestAgent());
        number(o, "best_fitness", s.bestFitness());
        o.set("best_hyperparameters", hyperparameters(s.bestHyperparameters()));
        ObjectNode f = o.putObject("fitness");
        number(f, "min", s.fitnessMin());
        number(f, "q25", s.fitnessQ25());
        number(f, "median", s.fitnessMedian());
        number(f, "q75", s.fitnessQ75());
        number(f, "max", s.fitnessMax());
        number(f, "mean", s.fitnessMean());
        if (!Double.isNaN(s.episodeReturnMean())) {
            o.put("episode_return_mean", s.episodeReturnMean());
        }
        ObjectNode h = o.putObject("hyperparameter_stats");
        for (int i = 0; i < s.hyperparameterNames().length; i++) {
            ObjectNode stat = h.putObject(s.hyperparameterNames()[i]);
            number(stat, "mean", s.hyperparameterMeans()[i]);
            number(stat, "variance", s.hyperparameterVariances()[i]);
        }
        return write(o);
    }

    public String lineage(LineageEvent e) {
        ObjectNode o = record();
        o.put("generation", e.generation());
        o.put("recipient", e.recipient());
        if (e.donor() >= 0) {
            o.put("donor", e.donor());
        } else {
            o.putNull("donor");
        }
        o.set("old_hyperparameters", hyperparameters(e.oldHyperparameters()));
        o.set("new_hyperparameters", hyperparameters(e.newHyperparameters()));
        ArrayNode ops = o.putArray("mutations");
        for (String op : e.operations()) {
            ops.add(op);
        }
        return write(o);
    }

    public String distribution(DistributionSummary d) {
        ObjectNode o = record();
        o.put("generation", d.generation());
        number(o, "sigma", d.sigma());
        number(o, "mean_norm", d.meanNorm());
        o.put("dimension", d.dimension());
        o.put("feedback_records", d.feedbackRecords());
        o.put("feedback_bytes", d.feedbackBytes());
        return write(o);
    }

    public String finalAgent(FinalAgent f) {
        ObjectNode o = record();
        o.put("agent", f.agent());
        o.put("generation", f.generation());
        o.put("steps", f.steps());
        o.set("hyperparameters", hyperparameters(f.hyperparameters()));
        number(o, "fitness", f.fitness());
        o.put("params_sha256", f.paramsSha256());
        number(o, "test_loss", f.testLoss());
        number(o, "test_accuracy", f.testAccuracy());
        if (!Double.isNaN(f.testReturn())) {
            o.put("test_return", f.testReturn());
        }
        if (!Double.isNaN(f.testR2())) {
            o.put("test_mae", f.testMae());
            o.put("test_r2", f.testR2());
        }
        o.put("directives_applied", f.directivesApplied());
        o.put("transfers_applied", f.transfersApplied());
        o.put("resent_ignored", f.resentIgnored());
        return write(o);
    }

    /**
     * An agent's final weights: θ as base64 of its little-endian IEEE floats (the bytes its {@code
     * params_sha256} is the digest of), so that a model can be exported after the job has ended.
     */
    public String finalWeights(AgentWeights w) {
        ObjectNode o = record();
        o.put("agent", w.agent());
        o.put("generation", w.generation());
        number(o, "fitness", w.fitness());
        o.set("hyperparameters", hyperparameters(w.hyperparameters()));
        o.put("params_sha256", AgentLifecycle.sha256(w.params()));
        o.put("rng", w.rng());
        java.nio.ByteBuffer bytes =
                java.nio.ByteBuffer.allocate(w.params().length * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(w.params());
        o.put("params", java.util.Base64.getEncoder().encodeToString(bytes.array()));
        return write(o);
    }

    private ObjectNode record() {
        ObjectNode o = MAPPER.createObjectNode();
        if (run != null) {
            o.put("run", run);
        }
        return o;
    }

    private ObjectNode hyperparameters(double[] h) {
        ObjectNode o = MAPPER.createObjectNode();
        for (int i = 0; i < space.size(); i++) {
            if (space.domain(i).isInteger() && Double.isFinite(h[i])) {
                o.put(space.name(i), (long) h[i]);
            } else {
                number(o, space.name(i), h[i]);
            }
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double value) {
        if (Double.isFinite(value)) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }

    private static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
