// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP peers from the npm registry that the interop tests talk to, installed (pinned) into
 * a cache outside the repository: {@code -Dopenagention.npm.cache}, else
 * {@code $OPENAGENTION_NPM_CACHE}, else {@code ~/.cache/openagention/npm}. Installs them when npm
 * is present and they are missing. Without node the tests are skipped with a message, except when
 * {@code CI=true}: there they must run, so a missing node or a failed install fails the test.
 * Keep the versions in step with {@code .ci/install-mcp-servers.sh}.
 */
final class NpmPeers {
    static final List<String> PACKAGES = List.of(
            "@modelcontextprotocol/server-everything@2026.8.31",
            "@modelcontextprotocol/server-filesystem@2026.8.31",
            "@modelcontextprotocol/inspector@2.12.0",
            "@modelcontextprotocol/sdk@1.32.2");

    private static NpmPeers installed;
    private final Path dir;

    private NpmPeers(Path dir) {
        this.dir = dir;
    }

    /** The installed peers, or a skipped test (a failed one in CI) when they cannot be had. */
    static synchronized NpmPeers require() {
        if (installed != null) {
            return installed;
        }
        Path dir = cacheDir();
        String node = run(List.of("node", "--version"), Path.of("."), 30);
        if (node == null) {
            unavailable("node is not installed (or not on PATH)");
        }
        if (!isInstalled(dir)) {
            String npm = run(List.of("npm", "--version"), Path.of("."), 30);
            if (npm == null) {
                unavailable("npm is not installed, and the MCP peers are missing from " + dir);
            }
            install(dir);
            if (!isInstalled(dir)) {
                unavailable("installing " + PACKAGES + " into " + dir + " failed (see the log above)");
            }
        }
        installed = new NpmPeers(dir);
        return installed;
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("MCP interop tests must run in CI, but " + why
                    + ". Run .ci/install-mcp-servers.sh (needs node and npm).");
        }
        abort("Skipping MCP interop test: " + why + ". Install node and npm to run it.");
    }

    static Path cacheDir() {
        String p = System.getProperty("openagention.npm.cache");
        if (p == null || p.isBlank()) {
            p = System.getenv("OPENAGENTION_NPM_CACHE");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "openagention", "npm");
        }
        return Path.of(p);
    }

    private static boolean isInstalled(Path dir) {
        for (String spec : PACKAGES) {
            int at = spec.lastIndexOf('@');
            Path pkg = dir.resolve("node_modules").resolve(spec.substring(0, at)).resolve("package.json");
            try {
                if (!Files.isRegularFile(pkg) || !Files.readString(pkg).contains("\"version\": \"" + spec.substring(at + 1) + "\"")) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void install(Path dir) {
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                if (isInstalled(dir)) {
                    return;
                }
                if (!Files.exists(dir.resolve("package.json"))) {
                    Files.writeString(dir.resolve("package.json"), "{\"private\": true, \"name\": \"openagention-mcp-peers\"}\n");
                }
                List<String> cmd = new ArrayList<>(List.of("npm", "install", "--prefix", dir.toString(), "--no-audit",
                        "--no-fund", "--loglevel=error", "--save-exact"));
                cmd.addAll(PACKAGES);
                System.err.println("Installing MCP peers for the tests: " + String.join(" ", cmd));
                String out = run(cmd, dir, 600);
                System.err.println(out == null ? "npm install failed" : out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a finished command printed (stdout and stderr together) and its exit status. */
    record Outcome(int exit, String output) {}

    /** The command's output, or null when it could not run or exited non-zero. */
    static String run(List<String> command, Path cwd, int timeoutSeconds) {
        Outcome o = execute(command, cwd, timeoutSeconds);
        return o != null && o.exit() == 0 ? o.output() : null;
    }

    /** The command's outcome, or null when it could not start or ran out of time. */
    static Outcome execute(List<String> command, Path cwd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return null;
            }
            return new Outcome(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("running " + command + " failed", e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Path module(String name) {
        return dir.resolve("node_modules").resolve(name);
    }

    /** server-everything over stdio, launched with node directly. */
    McpServerConfig.Stdio everything(String name) {
        return McpServerConfig.stdio(name, "node",
                module("@modelcontextprotocol/server-everything").resolve("dist/index.js").toString(), "stdio");
    }

    /** server-filesystem over stdio, allowed to touch {@code root} only. */
    McpServerConfig.Stdio filesystem(String name, Path root) {
        return McpServerConfig.stdio(name, "node",
                module("@modelcontextprotocol/server-filesystem").resolve("dist/index.js").toString(), root.toString());
    }

    /** The command line that runs the MCP Inspector's CLI mode. */
    List<String> inspectorCli() {
        return List.of("node", module("@modelcontextprotocol/inspector").resolve("clients/launcher/build/index.js").toString(), "--cli");
    }
}
