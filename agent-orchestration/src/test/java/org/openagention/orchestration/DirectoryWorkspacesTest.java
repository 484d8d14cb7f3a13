// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;

class DirectoryWorkspacesTest {
    @TempDir
    Path dir;

    @Test
    void openCopiesTheTargetOnceAndReopensTheSameWorkspace() throws Exception {
        TaskWorkspaces lanes = TaskWorkspaces.directories(dir);
        Files.writeString(dir.resolve("target/a.txt"), "one");
        Task t = Fixtures.task("t");
        Workspace ws = lanes.open(t);
        Files.writeString(ws.root().resolve("a.txt"), "work in progress");

        Workspace again = TaskWorkspaces.directories(dir).open(t);

        assertThat(again.root()).isEqualTo(ws.root());
        assertThat(Files.readString(again.root().resolve("a.txt"))).isEqualTo("work in progress");
        assertThat(lanes.open(Task.builder("l").goal("local").lane(Lane.LOCAL).build()).root())
                .isEqualTo(dir.resolve("target").toRealPath());
    }

    @Test
    void mergeCopiesChangesDeletesRemovedFilesAndIsIdempotent() throws Exception {
        TaskWorkspaces lanes = TaskWorkspaces.directories(dir);
        Files.writeString(dir.resolve("target/keep.txt"), "keep");
        Files.writeString(dir.resolve("target/old.txt"), "old");
        Task t = Fixtures.task("t");
        Workspace ws = lanes.open(t);
        Files.createDirectories(ws.root().resolve("src"));
        Files.writeString(ws.root().resolve("src/new.txt"), "new");
        Files.delete(ws.root().resolve("old.txt"));

        assertThat(lanes.merge(t, ws)).isEqualTo(MergeResult.merged(java.util.List.of("old.txt", "src/new.txt")));
        assertThat(lanes.merge(t, ws)).isInstanceOf(MergeResult.Merged.class);
        assertThat(Files.readString(dir.resolve("target/src/new.txt"))).isEqualTo("new");
        assertThat(dir.resolve("target/old.txt")).doesNotExist();
        assertThat(Files.readString(dir.resolve("target/keep.txt"))).isEqualTo("keep");
    }

    @Test
    void aFileChangedOnBothSidesConflictsAndTheOtherChangesStillMerge() throws Exception {
        TaskWorkspaces lanes = TaskWorkspaces.directories(dir);
        Files.writeString(dir.resolve("target/shared.txt"), "v0");
        Task first = Fixtures.task("first");
        Task second = Fixtures.task("second");
        Workspace one = lanes.open(first);
        Workspace two = lanes.open(second);
        Files.writeString(one.root().resolve("shared.txt"), "v1");
        Files.writeString(two.root().resolve("shared.txt"), "v2");
        Files.writeString(two.root().resolve("own.txt"), "mine");

        assertThat(lanes.merge(first, one)).isInstanceOf(MergeResult.Merged.class);
        MergeResult second2 = lanes.merge(second, two);

        assertThat(second2).isInstanceOfSatisfying(MergeResult.Conflict.class, c -> {
            assertThat(c.files()).containsExactly("shared.txt");
            assertThat(c.detail()).contains(two.root().toString()).contains("own.txt");
        });
        assertThat(Files.readString(dir.resolve("target/shared.txt"))).isEqualTo("v1");
        assertThat(Files.readString(dir.resolve("target/own.txt"))).isEqualTo("mine");
    }
}
