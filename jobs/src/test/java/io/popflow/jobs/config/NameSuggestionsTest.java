package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggestionsTest {
    private static final List<String> NAMES = List.of("generations", "population", "seed", "set", "selection", "mode");

    @Test
    void aTypoGetsTheClosestName() {
        assertThat(NameSuggestions.closest("generatoins", NAMES)).containsExactly("generations");
        assertThat(NameSuggestions.closest("popualtion", NAMES)).containsExactly("population");
        assertThat(NameSuggestions.closest("sed", NAMES)).containsExactly("seed", "set");
    }

    /** Within a third of the typed name's length (at least 1): no suggestion for a name that is simply other. */
    @Test
    void aFarNameGetsNone() {
        assertThat(NameSuggestions.closest("xyzzy", NAMES)).isEmpty();
        assertThat(NameSuggestions.closest("ab", List.of("cd"))).isEmpty();
        assertThat(NameSuggestions.closest("gnrtns", NAMES)).isEmpty();
        assertThat(NameSuggestions.closest("gnerations", NAMES)).containsExactly("generations");
    }

    /** A known name is refused for another reason (another task's section): it is no typo of a neighbour. */
    @Test
    void aKnownNameGetsNone() {
        assertThat(NameSuggestions.closest("mode", List.of("mode", "model"))).isEmpty();
    }

    @Test
    void nearestKeepsOnlyTheClosestOfAnotherMatchersCandidates() {
        assertThat(NameSuggestions.nearest("trian", List.of("train", "experiment")))
                .containsExactly("train");
        assertThat(NameSuggestions.nearest("--pop", List.of("--population"))).containsExactly("--population");
        assertThat(NameSuggestions.nearest("--x", List.of())).isEmpty();
    }

    @Test
    void didYouMeanListsTheNames() {
        assertThat(NameSuggestions.didYouMean(List.of())).isEmpty();
        assertThat(NameSuggestions.didYouMean(List.of("a"))).isEqualTo("; did you mean 'a'?");
        assertThat(NameSuggestions.didYouMean(List.of("a", "b"))).isEqualTo("; did you mean 'a' or 'b'?");
        assertThat(NameSuggestions.didYouMean(List.of("a", "b", "c"))).isEqualTo("; did you mean 'a', 'b' or 'c'?");
    }
}
