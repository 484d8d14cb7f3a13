// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every attempt in the corpus must be refused with a message naming the rule, and nothing may
 * appear or change outside the root, even when the caller goes on to write wherever it was told.
 */
class WorkspaceEscapeCorpusTest {
    @TempDir
    Path base;
    Path root;
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.createDirectories(base.resolve("rootevil"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve(".git/hooks"));
        Files.writeString(root.resolve(".git/config"), "[core]\n");
        Files.createDirectories(root.resolve("nested/.git"));
        Files.createDirectories(root.resolve("sub"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("outlink"), outside);
        Files.createSymbolicLink(root.resolve("outfile"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dangling-out"), outside.resolve("nope.txt"));
        Files.createSymbolicLink(root.resolve("dangling-rel"), Path.of("../outside/new.txt"));
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        Files.createSymbolicLink(root.resolve("chain3"), outside);
        Files.createSymbolicLink(root.resolve("chain2"), Path.of("chain3"));
        Files.createSymbolicLink(root.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of("../.."));
        Files.createSymbolicLink(root.resolve("fsroot"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("gitlink"), Path.of(".git"));
        Files.createSymbolicLink(root.resolve("sub/dangling-chain"), Path.of("../dangling-out"));
        Files.createLink(root.resolve("hardlink"), outside.resolve("secret.txt"));
    }

    @AfterEach
    void removeLinkToFileSystemRoot() throws IOException {
        Files.deleteIfExists(root.resolve("fsroot")); // spares JUnit's warning about a link leaving @TempDir
    }

    static Stream<Arguments> corpus() {
        List<Arguments> c = new ArrayList<>();
        // Climbing out with ..
        add(c, "../escape.txt", "outside the workspace");
        add(c, "../../escape.txt", "outside the workspace");
        add(c, "a/../../escape.txt", "outside the workspace");
        add(c, "./../escape.txt", "outside the workspace");
        add(c, "a/b/../../../escape.txt", "outside the workspace");
        add(c, "../rootevil/x.txt", "outside the workspace");
        add(c, "../outside/secret.txt", "outside the workspace");
        // Absolute paths outside
        add(c, t -> t.outside.resolve("x.txt").toString(), "outside the workspace");
        add(c, "/etc/passwd", "outside the workspace");
        add(c, "//etc/passwd", "outside the workspace");
        add(c, "/tmp/escape.txt", "outside the workspace");
        add(c, t -> t.base.resolve("rootevil/x.txt").toString(), "outside the workspace");
        add(c, t -> t.root + "/../escape.txt", "outside the workspace");
        // Symbolic links of the file or of a parent directory
        add(c, "outlink/new.txt", "symbolic link");
        add(c, "outlink/secret.txt", "symbolic link");
        add(c, "outfile", "symbolic link");
        add(c, "dangling-out", "symbolic link");
        add(c, "dangling-rel", "symbolic link");
        add(c, "sub/dangling-chain", "symbolic link");
        add(c, "chain1", "symbolic link");
        add(c, "chain1/deeper/new.txt", "symbolic link");
        add(c, "sub/up/escape.txt", "symbolic link");
        add(c, "fsroot/etc/passwd", "symbolic link");
        // Symbolic link loops
        add(c, "loop1", "loop");
        add(c, "self", "loop");
        add(c, "loop1/x/y.txt", "loop");
        // NUL and control characters
        add(c, "a\0b", "NUL");
        add(c, "file.txt\0.png", "NUL");
        add(c, "a\nb.txt", "control character");
        // .git, including case and Windows aliases
        add(c, ".git/config", ".git");
        add(c, ".git/hooks/pre-commit", ".git");
        add(c, "sub/../.git/HEAD", ".git");
        add(c, ".GIT/config", ".git");
        add(c, ".Git/hooks/post-checkout", ".git");
        add(c, ".git./config", ".git");
        add(c, ".git /config", ".git");
        add(c, "GIT~1/config", ".git");
        add(c, ".git::$INDEX_ALLOCATION/config", ".git");
        add(c, "gitlink/config", ".git");
        add(c, "nested/.git/config", ".git");
        // URL encoding
        add(c, "%2e%2e/escape.txt", "percent-encoded");
        add(c, "%2E%2E%2Fescape.txt", "percent-encoded");
        add(c, "..%2fescape.txt", "percent-encoded");
        add(c, "..%5c..%5cescape.txt", "percent-encoded");
        add(c, "a%00.txt", "percent-encoded");
        // Windows-style
        add(c, "..\\escape.txt", "backslash");
        add(c, "..\\..\\Windows\\win.ini", "backslash");
        add(c, "C:\\Windows\\System32\\x.dll", "backslash");
        add(c, "C:/Windows/System32/x.dll", "Windows drive");
        add(c, "\\\\server\\share\\x", "backslash");
        // Home directory
        add(c, "~/.ssh/id_rsa", "'~'");
        add(c, "~root/.bashrc", "'~'");
        add(c, "~", "'~'");
        // Length
        add(c, "a/".repeat(2100) + "x", "characters long");
        add(c, "x".repeat(300), "longer than 255 bytes");
        // Hard link to a file outside, empty paths
        add(c, "hardlink", "hard links");
        add(c, "", "empty");
        add(c, "   ", "empty");
        return c.stream();
    }

    private static void add(List<Arguments> c, String path, String fragment) {
        add(c, t -> path, fragment);
    }

    private static void add(List<Arguments> c, Function<WorkspaceEscapeCorpusTest, String> path, String fragment) {
        c.add(Arguments.of(path, fragment));
    }

    @ParameterizedTest(name = "[{index}] refused: {1}")
    @MethodSource("corpus")
    void writeIsRefusedAndNothingOutsideChanges(Function<WorkspaceEscapeCorpusTest, String> attempt, String fragment)
            throws IOException {
        Map<String, String> before = outsideSnapshot();
        Workspace ws = Workspace.local(root);
        String path = attempt.apply(this);

        assertThatThrownBy(() -> {
            Path target = ws.resolveForWrite(path);
            Files.createDirectories(target.getParent());
            Files.writeString(target, "pwned");
        }).isInstanceOf(WorkspaceException.class).hasMessageContaining(fragment);
        assertThat(outsideSnapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "[{index}] read refused: {1}")
    @MethodSource("corpus")
    void readsAreRefusedTooExceptForGitAndHardLinks(Function<WorkspaceEscapeCorpusTest, String> attempt,
            String fragment) throws IOException {
        Workspace ws = Workspace.local(root);
        String path = attempt.apply(this);
        if (fragment.equals(".git") || fragment.equals("hard links")) {
            // Reading inside .git or a hard-linked file stays inside the root: allowed.
            assertThat(ws.resolve(path).startsWith(root.toRealPath())).as("resolves inside the root").isTrue();
        } else {
            assertThatThrownBy(() -> ws.resolve(path)).isInstanceOf(WorkspaceException.class)
                    .hasMessageContaining(fragment);
        }
    }

    /** Every file and link outside the root, with its content or target. */
    private Map<String, String> outsideSnapshot() throws IOException {
        Map<String, String> snap = new TreeMap<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.startsWith(root)) {
                    continue;
                }
                String value;
                if (Files.isSymbolicLink(p)) {
                    value = "-> " + Files.readSymbolicLink(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    value = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                } else {
                    value = "dir";
                }
                snap.put(base.relativize(p).toString(), value);
            }
        }
        for (String probe : List.of("/etc/passwd", "/tmp/escape.txt")) {
            snap.put(probe, Files.exists(Path.of(probe)) ? "exists" : "absent");
        }
        return snap;
    }
}
