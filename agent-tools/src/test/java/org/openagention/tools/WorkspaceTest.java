// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void resolvesOrdinaryPathsAndLinksThatStayInside() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), "class A {}");
        Files.createSymbolicLink(root.resolve("alias"), Path.of("src"));
        Files.createSymbolicLink(root.resolve("future"), Path.of("src/B.java"));
        Workspace ws = Workspace.local(root);
        Path real = root.toRealPath();

        assertThat(ws.resolve("src/A.java")).isEqualTo(real.resolve("src/A.java"));
        assertThat(ws.resolve("alias/A.java")).isEqualTo(real.resolve("src/A.java"));
        assertThat(ws.resolveForWrite("future")).isEqualTo(real.resolve("src/B.java"));
        assertThat(ws.resolveForWrite(real.resolve("src/new/C.java").toString()))
                .isEqualTo(real.resolve("src/new/C.java"));
        assertThat(ws.resolveForWrite("src/../README.md")).isEqualTo(real.resolve("README.md"));
    }

    @Test
    void namesThatOnlyLookLikeGitAreWritable() throws IOException {
        Workspace ws = Workspace.local(dir);
        Path real = dir.toRealPath();
        for (String name : new String[] {".gitignore", ".github/workflows/ci.yml", "docs/.git.md", "50%.txt"}) {
            assertThat(ws.resolveForWrite(name)).isEqualTo(real.resolve(name));
        }
    }

    @Test
    void relativizeAndContainsUseTheRealRoot() throws IOException {
        Files.writeString(dir.resolve("x.txt"), "x");
        Workspace ws = Workspace.local(dir);
        assertThat(ws.relativize(ws.resolve("sub/y.txt"))).isEqualTo("sub/y.txt");
        assertThat(ws.contains(ws.root().resolve("x.txt"))).isTrue();
        assertThat(ws.contains(ws.root().getParent())).isFalse();
    }

    @Test
    void localRefusesARootThatIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "");
        assertThatThrownBy(() -> Workspace.local(file)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> Workspace.copy(dir.resolve("missing"))).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void copyWorksOnItsOwnTreeAndCloseDeletesIt() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(src.resolve("a/b"));
        Files.writeString(src.resolve("a/b/f.txt"), "original");
        Files.createSymbolicLink(src.resolve("link"), Path.of("a/b/f.txt"));

        Workspace copy = Workspace.copy(src);
        Path copied = copy.resolveForWrite("a/b/f.txt");
        Files.writeString(copied, "changed");

        assertThat(copy.root()).isNotEqualTo(src.toRealPath());
        assertThat(Files.readString(src.resolve("a/b/f.txt"))).isEqualTo("original");
        assertThat(Files.isSymbolicLink(copy.root().resolve("link"))).isTrue();
        assertThat(Files.readString(copy.root().resolve("link"))).isEqualTo("changed");

        copy.close();
        assertThat(copy.root()).doesNotExist();
        copy.close(); // idempotent
        assertThat(src.resolve("a/b/f.txt")).exists();
    }

    @Test
    void closeOfALocalWorkspaceDeletesNothing() throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "k");
        Workspace.local(dir).close();
        assertThat(dir.resolve("keep.txt")).exists();
    }

    @Test
    void lazyWorkspaceReadsTheBaseUntilTheFirstWrite() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("README.md"), "hello");
        Path isolated = Files.createDirectories(dir.resolve("isolated"));
        AtomicInteger made = new AtomicInteger();
        Workspace ws = Workspace.lazy(base, () -> {
            made.incrementAndGet();
            return isolated;
        });

        assertThat(ws.resolve("README.md")).isEqualTo(base.toRealPath().resolve("README.md"));
        assertThat(ws.isIsolated()).isFalse();
        assertThat(made).hasValue(0);

        Path written = ws.resolveForWrite("src/New.java");
        ws.resolveForWrite("src/Other.java");

        assertThat(made).hasValue(1);
        assertThat(ws.isIsolated()).isTrue();
        assertThat(written).isEqualTo(isolated.toRealPath().resolve("src/New.java"));
        assertThat(ws.resolve("README.md")).isEqualTo(isolated.toRealPath().resolve("README.md"));
        assertThat(ws.resolve(base.toRealPath().resolve("README.md").toString()))
                .as("absolute paths in the base move to the new root")
                .isEqualTo(isolated.toRealPath().resolve("README.md"));
        assertThat(ws.relativize(written)).isEqualTo("src/New.java");
    }

    @Test
    void lazyWorkspaceRefusesABadWriteWithoutIsolating() {
        AtomicInteger made = new AtomicInteger();
        Workspace ws = Workspace.lazy(dir, () -> {
            made.incrementAndGet();
            return dir;
        });
        assertThatThrownBy(() -> ws.resolveForWrite("../x")).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> ws.resolveForWrite(".git/config")).isInstanceOf(WorkspaceException.class);
        assertThat(made).hasValue(0);
        assertThat(ws.isIsolated()).isFalse();
    }

    @Test
    void lazyWorkspaceReportsAFailingIsolatorAndTriesAgainOnTheNextWrite() throws IOException {
        Path isolated = Files.createDirectories(dir.resolve("iso"));
        AtomicInteger attempts = new AtomicInteger();
        Workspace ws = Workspace.lazy(dir, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("git is not installed");
            }
            return isolated;
        });
        assertThatThrownBy(() -> ws.resolveForWrite("a.txt")).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("cannot create the isolated workspace").hasMessageContaining("git is not installed");
        assertThat(ws.resolveForWrite("a.txt")).isEqualTo(isolated.toRealPath().resolve("a.txt"));
    }
}
