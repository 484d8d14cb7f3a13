// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolHandler;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolResult.ErrorKind;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;

class HostPathsTest {
    @TempDir
    Path dir;

    private ToolResult run(ToolHandler<String> handler) throws Exception {
        Workspace ws = Workspace.local(dir);
        return HostPaths.hidden(ws, "t", handler).handle("x", ToolContext.standalone());
    }

    @Test
    void anIoExceptionBecomesAResultWithoutTheRoot() throws Exception {
        Path root = dir.toRealPath();
        ToolResult r = run((a, c) -> {
            throw new AccessDeniedException(root.resolve("src/A.java").toString());
        });
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ErrorKind.HANDLER_EXCEPTION);
        assertThat(r.text()).isEqualTo("Tool t failed: AccessDeniedException: src/A.java");

        ToolResult unchecked = run((a, c) -> {
            throw new UncheckedIOException(new NoSuchFileException(root.toString()));
        });
        assertThat(unchecked.text()).isEqualTo("Tool t failed: NoSuchFileException: .");
    }

    @Test
    void errorTextsLoseTheRootAndSuccessesAreUntouched() throws Exception {
        String root = dir.toRealPath().toString();
        assertThat(run((a, c) -> ToolResult.error("cannot open " + root + "/a.txt in " + root + ", nor " + root + "2/b"))
                .text()).isEqualTo("cannot open a.txt in ., nor " + root + "2/b");
        assertThat(run((a, c) -> ToolResult.success("pwd: " + root)).text()).isEqualTo("pwd: " + root);
    }

    @Test
    void aDenialEscapingTheHandlerIsADeniedResult() throws Exception {
        ToolResult r = run((a, c) -> {
            throw WorkspaceException.denial("path '../x' is outside the workspace");
        });
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ErrorKind.DENIED);
        ToolResult failed = run((a, c) -> {
            throw new WorkspaceException("path is empty");
        });
        assertThat(((ToolResult.Error) failed).kind()).isEqualTo(ErrorKind.TOOL_FAILED);
    }
}
