package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package under a module's src/main/java says what it is for: it has a package-info.java whose
 * package declaration follows a Javadoc comment, and every {@code {@link}} in that comment names a class
 * (and member) that exists. The packages are found on disk, not listed here, so a new package, or a
 * new module, is held to it from its first class. The build runs no javadoc, so nothing else would
 * notice a link left behind by a rename.
 */
class PackageDocumentationTest {
    private static final Path ROOT = DocumentationPages.projectFolder();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** The comment before the package declaration, and the declaration. */
    private static final Pattern DOCUMENTED =
            Pattern.compile("\\A\\s*/\\*\\*(.*?)\\*/\\s*package\\s+([\\w.]+)\\s*;", Pattern.DOTALL);

    private static final List<Path> SOURCE_ROOTS = findSourceRoots();
    private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)?\\s+([\\w.]*)(?:#(\\w+))?");

    @Test
    void everyPackageHasAPackageInfo() {
        List<String> missing = new ArrayList<>();
        for (Path pkg : packages()) {
            if (!Files.exists(pkg.resolve("package-info.java"))) {
                missing.add(ROOT.relativize(pkg).toString());
            }
        }
        assertThat(missing).as("packages without a package-info.java").isEmpty();
    }

    @Test
    void everyPackageInfoHasAJavadocComment() {
        List<String> problems = new ArrayList<>();
        for (Path file : packageInfos()) {
            String where = ROOT.relativize(file).toString();
            Matcher m = DOCUMENTED.matcher(read(file));
            if (!m.find()) {
                problems.add(where + ": no Javadoc comment (/** ... */) right before the package declaration");
                continue;
            }
            if (m.group(1).replace("*", "").isBlank()) {
                problems.add(where + ": an empty Javadoc comment");
            }
            String declared = m.group(2);
            String expected = packageName(file.getParent());
            if (!declared.equals(expected)) {
                problems.add(where + ": declares package " + declared + ", its folder is " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyLinkOfAPackageInfoResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : packageInfos()) {
            Matcher comment = DOCUMENTED.matcher(read(file));
            if (!comment.find()) {
                continue; // the test above names it
            }
            // a link may wrap: the text without each line's leading '*'
            Matcher link = LINK.matcher(comment.group(1).replaceAll("(?m)^\\s*\\*", " "));
            while (link.find()) {
                String target = link.group(1) + (link.group(2) == null ? "" : "#" + link.group(2));
                if (!resolves(link.group(1), link.group(2), file.getParent())) {
                    broken.add(ROOT.relativize(file) + ": {@link " + target + "}");
                }
            }
        }
        assertThat(broken).as("links to no class or member").isEmpty();
    }

    /**
     * The walk from the repository's root must reach the sources of every module the build lists, or
     * the tests above would pass on a folder that holds none of them.
     */
    @Test
    void theSourceFoldersFoundAreThoseOfTheBuildsModules() {
        Set<Path> listed = new TreeSet<>();
        Matcher m = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        while (m.find()) {
            Path sources = ROOT.resolve(m.group(1).trim()).resolve("src/main/java");
            if (Files.isDirectory(sources)) {
                listed.add(sources);
            }
        }
        assertThat(listed).as("modules of pom.xml with Java sources").isNotEmpty();
        assertThat(new TreeSet<>(SOURCE_ROOTS)).isEqualTo(listed);
        assertThat(packages()).as("packages found").hasSizeGreaterThan(listed.size());
    }

    /** Every src/main/java folder of the repository, outside build output and hidden folders. */
    private static List<Path> findSourceRoots() {
        List<Path> roots = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName().toString();
                    if (!dir.equals(ROOT) && (name.equals("target") || name.startsWith("."))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (dir.endsWith(Path.of("src", "main", "java"))) {
                        roots.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roots.stream().sorted().toList();
    }

    /** Every folder under a source root that holds a class (a .java file other than package-info.java). */
    private static List<Path> packages() {
        Set<Path> folders = new TreeSet<>();
        for (Path root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                        .forEach(f -> folders.add(f.getParent()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(folders);
    }

    private static List<Path> packageInfos() {
        List<Path> infos = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.getFileName().toString().equals("package-info.java"))
                        .sorted()
                        .forEach(infos::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return infos;
    }

    private static String packageName(Path folder) {
        Path root = SOURCE_ROOTS.stream().filter(folder::startsWith).findFirst().orElseThrow();
        return Stream.of(root.relativize(folder).toString().split("[/\\\\]")).collect(Collectors.joining("."));
    }

    /**
     * Whether {@code name} (qualified, or simple for a class of the package itself or of java.lang)
     * names a class, and {@code member}, if given, a member of it, as javadoc would resolve them.
     */
    private static boolean resolves(String name, String member, Path pkg) {
        if (name.isEmpty()) {
            return false; // {@link #member} has no class to be a member of in a package comment
        }
        if (name.startsWith("java.") || name.startsWith("javax.") || !name.contains(".")) {
            Optional<Class<?>> jdk = jdkClass(name.contains(".") ? name : "java.lang." + name);
            if (jdk.isPresent()) {
                return member == null || hasMember(jdk.get(), member);
            }
        }
        Optional<String> source = name.contains(".") ? sourceOf(name) : readIfExists(pkg.resolve(name + ".java"));
        return source.isPresent()
                && (member == null
                        || Pattern.compile("\\b" + member + "\\b")
                                .matcher(source.get())
                                .find());
    }

    /**
     * The source of a qualified class name: the file of its longest prefix that is a top-level class,
     * which must declare the nested classes the rest of the name names.
     */
    private static Optional<String> sourceOf(String qualified) {
        String[] parts = qualified.split("\\.");
        for (int top = parts.length; top >= 1; top--) {
            String path = String.join("/", List.of(parts).subList(0, top)) + ".java";
            for (Path root : SOURCE_ROOTS) {
                Optional<String> text = readIfExists(root.resolve(path));
                if (text.isPresent()) {
                    for (int nested = top; nested < parts.length; nested++) {
                        Pattern declaration =
                                Pattern.compile("\\b(class|interface|record|enum)\\s+" + parts[nested] + "\\b");
                        if (!declaration.matcher(text.get()).find()) {
                            return Optional.empty();
                        }
                    }
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> jdkClass(String name) {
        try {
            return Optional.of(Class.forName(name, false, ClassLoader.getPlatformClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean hasMember(Class<?> type, String member) {
        return Stream.of(type.getMethods()).anyMatch(m -> m.getName().equals(member))
                || Stream.of(type.getFields()).anyMatch(f -> f.getName().equals(member));
    }

    private static Optional<String> readIfExists(Path file) {
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
