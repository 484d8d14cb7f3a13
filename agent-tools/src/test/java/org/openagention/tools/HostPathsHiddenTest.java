// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolResult.ErrorKind;

/**
 * A path outside the workspace is a denial, for every file and search tool, and the model never
 * sees where the workspace or anything outside it lives on the host.
 */
class HostPathsHiddenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path base;
    Path root;
    Path outside;
    ToolRegistry tools;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(base.resolve("ws")).toRealPath();
        outside = Files.createDirectory(base.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("inside.txt"), "inside\n");
        tools = ToolRegistry.of(CodingTools.all(Workspace.local(root)));
    }

    private ToolResult call(String tool, Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return tools.execute(new ToolCall("c1", tool, JSON.writeValueAsString(args)), ToolContext.standalone());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One call of every tool that takes a path, on {@code path}. */
    private Map<String, ToolResult> everyToolOn(String path) {
        Map<String, ToolResult> results = new LinkedHashMap<>();
        results.put("read_file", call("read_file", "path", path));
        results.put("write_file", call("write_file", "path", path, "content", "pwned"));
        results.put("edit_file", call("edit_file", "path", path, "old_string", "secret", "new_string", "pwned"));
        results.put("list_dir", call("list_dir", "path", path));
        results.put("glob", call("glob", "pattern", "*", "path", path));
        results.put("grep", call("grep", "pattern", "secret", "path", path));
        results.put("apply_patch add", call("apply_patch", "input", "*** Begin Patch\n*** Add File: " + path + "\n+x\n*** End Patch"));
        results.put("apply_patch update", call("apply_patch", "input",
                "*** Begin Patch\n*** Update File: " + path + "\n@@\n-secret\n+x\n*** End Patch"));
        results.put("apply_patch delete", call("apply_patch", "input", "*** Begin Patch\n*** Delete File: " + path + "\n*** End Patch"));
        results.put("apply_patch move", call("apply_patch", "input",
                "*** Begin Patch\n*** Update File: inside.txt\n*** Move to: " + path + "\n@@\n-inside\n+x\n*** End Patch"));
        return results;
    }

    private void assertDeniedWithoutHostPaths(Map<String, ToolResult> results, String shown, String why) {
        results.forEach((tool, r) -> {
            assertThat(r).as(tool).isInstanceOf(ToolResult.Error.class);
            assertThat(((ToolResult.Error) r).kind()).as(tool + ": " + r.text()).isEqualTo(ErrorKind.DENIED);
            assertThat(r.text()).as(tool).contains("'" + shown + "'").contains(why)
                    .doesNotContain(root.toString()).doesNotContain(outside.toString()).doesNotContain(base.toString());
        });
    }

    @Test
    void aRelativePathOutsideIsDeniedByEveryTool() {
        assertDeniedWithoutHostPaths(everyToolOn("../outside/secret.txt"), "../outside/secret.txt", "is outside the workspace");
        assertThat(outside.resolve("secret.txt")).hasContent("secret");
        assertThat(root.resolve("inside.txt")).hasContent("inside");
    }

    @Test
    void anAbsolutePathThroughTheRootIsShownRelativeToIt() {
        assertDeniedWithoutHostPaths(everyToolOn(root + "/../outside/secret.txt"), "../outside/secret.txt",
                "is outside the workspace");
    }

    @Test
    void aSymbolicLinkOutIsDeniedNamingTheLinkNotItsTarget() {
        assertDeniedWithoutHostPaths(everyToolOn("escape/secret.txt"), "escape/secret.txt",
                "the symbolic link 'escape' leads out of it");
    }

    @Test
    void anAbsolutePathElsewhereIsNamedAsGiven() {
        String elsewhere = "/etc/passwd";
        Map<String, ToolResult> results = everyToolOn(elsewhere);
        assertDeniedWithoutHostPaths(results, elsewhere, "is outside the workspace");
    }

    @Test
    void writesIntoGitAreDenied() {
        ToolResult r = call("write_file", "path", ".git/hooks/pre-commit", "content", "evil");
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ErrorKind.DENIED);
        assertThat(r.text()).contains("'.git/hooks/pre-commit' is inside .git").doesNotContain(root.toString());
    }

    @Test
    void aMalformedPathIsAFailureNotADenial() {
        for (String tool : List.of("read_file", "list_dir")) {
            ToolResult r = call(tool, "path", "a\\b.txt");
            assertThat(((ToolResult.Error) r).kind()).as(tool).isEqualTo(ErrorKind.TOOL_FAILED);
            assertThat(r.text()).as(tool).contains("backslash");
        }
        ToolResult grep = call("grep", "pattern", "x", "path", "a\\b.txt");
        assertThat(((ToolResult.Error) grep).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENTS);
    }

    @Test
    void resultsInsideTheWorkspaceNameFilesRelativeToIt() throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), "class A {}\n");
        for (ToolResult r : List.of(call("read_file", "path", "src/Missing.java"),
                call("read_file", "path", root + "/src"),
                call("list_dir", "path", "nope"),
                call("glob", "pattern", "**/*.java", "path", root.toString()),
                call("grep", "pattern", "class", "path", root + "/src"),
                call("edit_file", "path", root + "/src/A.java", "old_string", "A", "new_string", "B"),
                call("write_file", "path", "inside.txt/x", "content", "x"),
                call("apply_patch", "input", "*** Begin Patch\n*** Update File: src/A.java\n@@\n-nothing like this\n+x\n*** End Patch"))) {
            assertThat(r.text()).doesNotContain(root.toString());
        }
        assertThat(call("glob", "pattern", "**/*.java", "path", root.toString()).text()).isEqualTo("src/A.java\n");
        assertThat(call("read_file", "path", root + "/src").text()).startsWith("src is a directory");
    }
}
