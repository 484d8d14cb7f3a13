// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;

/**
 * The tools our server tests serve: simple ones defined here, over a {@link Workspace}, behind an
 * interceptor that refuses notes whose name starts with {@code secret} (standing in for an
 * approval policy). Also the {@code --tools} class for {@link McpServerMain} in child processes.
 */
public final class TestToolSource implements McpServerMain.ToolSource {
    record Add(@Description("first number") int a, @Description("second number") int b) {}

    record Note(@Description("file name") String name, @Description("text to write") String text) {}

    record ReadNote(@Description("file name") String name) {}

    record Reason(String why) {}

    public TestToolSource() {}

    @Override
    public ToolRegistry tools(Path repo) {
        return registry(repo);
    }

    static ToolRegistry registry(Path repo) {
        Workspace ws = Workspace.local(repo);
        Tool add = Tool.readOnly("add", "Adds two integers", Add.class,
                (args, ctx) -> ToolResult.success(String.valueOf(args.a() + args.b())));
        Tool write = Tool.of("write_note", "Writes a note file in the workspace", Note.class, (args, ctx) -> {
            Files.writeString(ws.resolveForWrite(args.name()), args.text());
            return ToolResult.success("wrote " + args.name());
        });
        Tool read = Tool.readOnly("read_note", "Reads a note file from the workspace", ReadNote.class, (args, ctx) -> {
            Path p = ws.resolve(args.name());
            return Files.exists(p) ? ToolResult.success(Files.readString(p)) : ToolResult.error("no note named " + args.name());
        });
        Tool fail = Tool.of("fail", "Always fails with the given reason", Reason.class,
                (args, ctx) -> ToolResult.error("failed on purpose: " + args.why()));
        return ToolRegistry.of(List.of(add, write, read, fail)).withInterceptors(List.of(chain -> {
            if (chain.call().name().equals("write_note") && chain.call().argumentsJson().contains("\"secret")) {
                return ToolResult.error(ToolResult.ErrorKind.DENIED, "Denied by policy: notes named secret* may not be written.");
            }
            return chain.proceed(chain.call());
        }));
    }
}
