// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;

/** Calls the file tools of one workspace the way the agent loop does: JSON arguments through a registry. */
final class Harness {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path root;
    final FileTools files;
    private final ToolRegistry registry;

    Harness(Path root) {
        this.root = root;
        this.files = FileTools.forWorkspace(Workspace.local(root));
        this.registry = ToolRegistry.of(files.tools());
    }

    /** Calls {@code tool} with arguments given as alternating names and values. */
    ToolResult call(String tool, Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return registry.execute(new ToolCall("call-1", tool, JSON.writeValueAsString(args)), ToolContext.standalone());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ToolResult read(String path) {
        return call("read_file", "path", path);
    }

    ToolResult edit(String path, String oldString, String newString) {
        return call("edit_file", "path", path, "old_string", oldString, "new_string", newString);
    }

    ToolResult patch(String patch) {
        return call("apply_patch", "input", patch);
    }

    Path write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String content(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String path) {
        return Files.exists(root.resolve(path));
    }
}
