package io.alertbridge.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module and package rules the README's architecture section states, checked on the main sources of every
 * module: no package cycle, no main code that imports the test kit, and a processor that knows neither the launcher
 * nor the devkit.
 */
class ArchitectureTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?(io\\.alertbridge\\.[\\w.]+?)\\.[A-Z]\\w*(?:\\.\\w+)*;", Pattern.MULTILINE);

    /** Package → the alertbridge packages its main sources import, per module. */
    private static Map<String, Map<String, Set<String>>> importsByModule;

    @BeforeAll
    static void readSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        importsByModule = new TreeMap<>();
        for (String module : List.of("schemas", "devkit", "testkit", "connectors", "processor", "launcher")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertThat(sources).as("main sources of %s", module).isDirectory();
            importsByModule.put(module, imports(sources));
        }
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        Map<String, Set<String>> all = new HashMap<>();
        importsByModule
                .values()
                .forEach(byPackage -> byPackage.forEach((pkg, imported) ->
                        all.computeIfAbsent(pkg, p -> new TreeSet<>()).addAll(imported)));

        assertThat(cycles(all)).isEmpty();
    }

    @Test
    void mainCodeNeverImportsTheTestKit() {
        for (String module : List.of("schemas", "devkit", "connectors", "processor", "launcher")) {
            assertThat(importedPackages(module))
                    .as("packages %s imports", module)
                    .noneMatch(pkg -> pkg.startsWith("io.alertbridge.testkit"));
        }
    }

    @Test
    void theProcessorKnowsNeitherTheLauncherNorTheDevkit() {
        assertThat(importedPackages("processor"))
                .noneMatch(pkg -> pkg.startsWith("io.alertbridge.launcher") || pkg.startsWith("io.alertbridge.devkit"));
        assertThat(importedPackages("connectors"))
                .noneMatch(pkg -> pkg.startsWith("io.alertbridge.processor")
                        || pkg.startsWith("io.alertbridge.launcher")
                        || pkg.startsWith("io.alertbridge.devkit"));
    }

    @Test
    void theCheckSeesACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    private static Set<String> importedPackages(String module) {
        Set<String> imported = new TreeSet<>();
        importsByModule.get(module).values().forEach(imported::addAll);
        return imported;
    }

    private static Map<String, Set<String>> imports(Path sources) throws IOException {
        Map<String, Set<String>> byPackage = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String text = read(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    return;
                }
                Set<String> imported = byPackage.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    if (!imports.group(1).equals(pkg.group(1))) {
                        imported.add(imports.group(1));
                    }
                }
            });
        }
        return byPackage;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The strongly connected groups of more than one package (Tarjan), each sorted, in a stable order. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found);
            }
        }
        found.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return found;
    }

    private static void connect(
            String node,
            Map<String, Set<String>> graph,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<List<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> group = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(node));
            if (group.size() > 1) {
                group.sort(String::compareTo);
                found.add(group);
            }
        }
    }
}
