package io.popflow.jobs.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" for a mistyped name: the known names at the smallest edit distance from it
 * (Levenshtein: one insertion, deletion or substitution each).
 */
public final class NameSuggestions {
    private NameSuggestions() {}

    /**
     * The names closest to {@code typed}, all at the same smallest distance, if that distance is at
     * most a third of the typed name's length (at least 1): a suggestion only where a typo is
     * likely, not for every unknown name. None when {@code typed} is itself one of the names: it is
     * not a typo then, but refused for another reason (a section of another task's).
     */
    public static List<String> closest(String typed, Collection<String> names) {
        return names.contains(typed) ? List.of() : atSmallestDistance(typed, names, Math.max(1, typed.length() / 3));
    }

    /**
     * The names at the smallest distance from {@code typed}, however far: for candidates another
     * matcher has already judged similar (picocli's for flags and commands, which also sees prefixes:
     * {@code --pop} for {@code --population}).
     */
    public static List<String> nearest(String typed, Collection<String> names) {
        return atSmallestDistance(typed, names, Integer.MAX_VALUE);
    }

    /** {@code "; did you mean 'a'?"}, {@code "; did you mean 'a' or 'b'?"}, or nothing without names. */
    public static String didYouMean(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        String last = quoted.get(quoted.size() - 1);
        return "; did you mean "
                + (quoted.size() == 1 ? last : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + last)
                + "?";
    }

    private static List<String> atSmallestDistance(String typed, Collection<String> names, int limit) {
        List<String> best = new ArrayList<>();
        int bestDistance = limit;
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        for (String name : new LinkedHashSet<>(names)) {
            int d = distance.apply(typed, name);
            if (d == 0 || d > bestDistance) {
                continue;
            }
            if (d < bestDistance) {
                best.clear();
                bestDistance = d;
            }
            best.add(name);
        }
        return best;
    }
}
