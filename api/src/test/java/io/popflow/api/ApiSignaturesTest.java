package io.popflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API keeps its compatibility promise: {@code src/test/resources/api-signatures/} holds the
 * public signatures of every released version, one file each; the newest is the API as built, and
 * from one version to the next a removed or changed signature raises the major version, an added one
 * at least the minor.
 *
 * <p>After a deliberate change: raise the version in {@code api/pom.xml} and add the new version's
 * file, written by {@code mvn -o -q -pl api test -Dtest=ApiSignaturesTest -Dpopflow.api.write=true}.
 */
class ApiSignaturesTest {
    private static final Path RELEASED = Path.of("src/test/resources/api-signatures");

    @BeforeAll
    static void writeOnRequest() throws Exception {
        if (Boolean.getBoolean("popflow.api.write")) {
            Files.write(RELEASED.resolve(ApiVersion.CURRENT + ".txt"), ApiSignatures.of(Path.of("target/classes")));
        }
    }

    @Test
    void theApiAsBuiltIsItsVersionsSignatures() throws Exception {
        List<String> built = ApiSignatures.of(Path.of("target/classes"));
        Path file = RELEASED.resolve(ApiVersion.CURRENT + ".txt");
        assertThat(file)
                .as("the signatures of popflow-api " + ApiVersion.CURRENT + " (raise the version for a change, then "
                        + "write them: see this test's comment)")
                .exists();
        assertThat(built)
                .as("popflow-api " + ApiVersion.CURRENT + "'s public signatures, as released in " + file
                        + "; a change needs a new version (see this test's comment)")
                .containsExactlyElementsOf(Files.readAllLines(file));
    }

    @Test
    void eachVersionChangesAsItsNumberSays() throws IOException {
        List<Path> versions = released();
        assertThat(versions).isNotEmpty();
        assertThat(version(versions.get(versions.size() - 1)))
                .as("the newest released signatures are the module's version")
                .isEqualTo(parse(ApiVersion.CURRENT));
        for (int i = 1; i < versions.size(); i++) {
            List<String> before = Files.readAllLines(versions.get(i - 1));
            List<String> after = Files.readAllLines(versions.get(i));
            int[] from = version(versions.get(i - 1));
            int[] to = version(versions.get(i));
            List<String> removed = new ArrayList<>(before);
            removed.removeAll(after);
            if (!removed.isEmpty()) {
                assertThat(to[0])
                        .as("removed or changed from " + name(from) + " to " + name(to) + ": " + removed)
                        .isGreaterThan(from[0]);
            } else if (!after.equals(before)) {
                assertThat(to[0] > from[0] || to[1] > from[1])
                        .as("added from " + name(from) + " to " + name(to) + ": a minor version at least")
                        .isTrue();
            }
        }
    }

    @Test
    void theVersionIsSemantic() {
        assertThat(ApiVersion.CURRENT).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
    }

    private static List<Path> released() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED)) {
            return files.filter(p -> p.toString().endsWith(".txt"))
                    .sorted(Comparator.comparing(ApiSignaturesTest::version, ApiSignaturesTest::compare))
                    .toList();
        }
    }

    private static int[] version(Path file) {
        String name = file.getFileName().toString();
        return parse(name.substring(0, name.length() - ".txt".length()));
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static String name(int[] v) {
        return v[0] + "." + v[1] + "." + v[2];
    }
}
