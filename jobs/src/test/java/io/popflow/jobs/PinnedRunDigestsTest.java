package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.loop.PlainPopulationLoop;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Existing runs stay bit-identical across redesigns: for a few configurations of every task the
 * final population's weights (the SHA-256 of the agents' {@code params_sha256} in id order) and the
 * best agent's digest are pinned. The values were recorded at commit {@code 6ae0c16}, before the
 * learner seam of issue 11; a change here changes users' runs and must be said in the issue note.
 * The plain loop runs the job's agent and population code ({@link PlainLoopEquivalenceITCase}).
 */
class PinnedRunDigestsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            digits    | generations=20 | f40f8bc9ca0310a2038eef73858c02125569ecd6e8f3f85f924f2d5d456a6bbb | 7d5e918632d5189110a58803940b8cdcba245955704daf3147425c0b6ea95750
            digits    | generations=4;population=8;optimizer=sgld;-hyperparameters.momentum;hyperparameters.temperature=1e-6 | da0f7f5fcb0610a71353f934f8cab554786715f2a0802b5b473689c776587a10 | cf297eeb34ba75a6b1808ca776fd5b686a3de3637bc2c8bdabb3cfa34a4b36fd
            quadratic | generations=20 | e30b585b76ea334401df56a6851539c71b4bbd7878a5f1c1ce1dd7440ab2d697 | e58e25e06a67e39c71a06bc8257dd557af1822be18828726d0c528ccb60bf44d
            quadratic | generations=8;selection=boltzmann | 28205aded6d8b424864e239914566fb50a0a62ec4f5b5c90d2b2c4b5c23d7269 | f9861bdbc81cfc6c9c5738e2c41336f9163a74c1a9c3d95baf51a4d36862d80f
            quadratic | generations=8;fitness=window;merge.strength=0.5 | 665455c7bf5b06205e79ad30177abdb72ab6e27a82f0d263f294e5552ea68e5f | b954eb5b8977e92f239978baa1ecb77bc840417ce1ac4a77f37c1e913bd1d63f
            quadratic | task=landscape;-quadratic;landscape.function=himmelblau;generations=8;fitness=ema | 223ef9911cbf5a5ef595c5a0668e541ad52797cedc50cd537f261e4de2b55ef4 | f49fff7c55c0799df15a1083aba1cc0cb48706f979c39fe716821d7cd5056b74
            quadratic | task=pbt-toy;-quadratic;optimizer=sgd;generations=8;-hyperparam_mutations;hyperparam_mutations.h0={min: 0, max: 1};hyperparam_mutations.h1={min: 0, max: 1};hyperparameters.lr=0.01 | 0c23f19e64c24d7425579cab34c2ce2ce8565fd2549671879293d2b688f668dd | b122be82912a32b86c6c23e8a38b98893724996cd9517557fd06c11a376e8499
            """)
    void finalWeightsAreThoseOfEarlierVersions(String preset, String options, String population, String best)
            throws Exception {
        PopulationConfig config = JobRuns.config(preset, options.split(";"));
        PlainPopulationLoop.Result result = new PlainPopulationLoop(config, 2).run();
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        FinalAgent fittest = null;
        for (FinalAgent f : result.finals()) {
            all.update(f.paramsSha256().getBytes(StandardCharsets.US_ASCII));
            if (fittest == null || f.fitness() > fittest.fitness()) {
                fittest = f;
            }
        }
        assertThat(HexFormat.of().formatHex(all.digest()))
                .as("every agent's final weights")
                .isEqualTo(population);
        assertThat(fittest.paramsSha256()).as("the best agent's final weights").isEqualTo(best);
    }
}
