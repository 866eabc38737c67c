package io.popflow.rl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fitness of an RL agent, by the seed authors' rule (reference/cartpole.md). */
class EpisodeReturnsTest {

    @Test
    void theMeanOfTheLastKFinishedEpisodes() {
        EpisodeReturns r = new EpisodeReturns(2);
        assertThat(r.fitness(false, 100, 17))
                .as("no finished episode: the return so far")
                .isEqualTo(17);
        r.finish(10);
        assertThat(r.fitness(false, 100, 0)).isEqualTo(10);
        r.finish(20);
        r.finish(40);
        assertThat(r.fitness(false, 100, 0)).isEqualTo(30);
        assertThat(r.generationMean()).isEqualTo(70 / 3.0);
    }

    /** A full window and a generation whose own mean return is the maximum: the window's maximum. */
    @Test
    void theAuthorsMaximumRule() {
        EpisodeReturns r = new EpisodeReturns(3);
        r.finish(20);
        r.finish(60);
        r.startGeneration();
        r.finish(100);
        assertThat(r.fitness(true, 100, 0)).isEqualTo(100);
        assertThat(r.fitness(false, 100, 0)).isEqualTo(60);
        r.finish(90);
        assertThat(r.fitness(true, 100, 0))
                .as("the generation's mean is 95: the window's mean")
                .isCloseTo(250 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void clearingTheWindowKeepsTheGenerationsCount() {
        EpisodeReturns r = new EpisodeReturns(5);
        r.finish(3);
        r.finish(5);
        r.clearWindow();
        assertThat(r.finished()).isZero();
        assertThat(r.fitness(false, 100, 4)).isEqualTo(4);
        assertThat(r.generationEpisodes()).isEqualTo(2);
    }
}
