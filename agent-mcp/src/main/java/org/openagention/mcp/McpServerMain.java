// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.openagention.core.tool.ToolRegistry;

/**
 * Runs an {@link McpToolServer} as a process, over stdio (the default) or streamable HTTP.
 *
 * <pre>
 * java -cp CLASSPATH org.openagention.mcp.McpServerMain --tools com.example.MyTools [--repo DIR]
 *      [--http PORT] [--name NAME]
 * </pre>
 *
 * <p>{@code --tools} names a public class with a public no-argument constructor that implements
 * {@link ToolSource}; it is given the {@code --repo} directory (default: the current one) and
 * returns the registry to serve. Applications that already know their tools call
 * {@link #run(List, ToolSource, InputStream, PrintStream, PrintStream)} with the source directly
 * (the {@code openagention mcp-server --repo DIR} command does). Over stdio the server runs until
 * its input ends. Over HTTP the endpoint URL is printed to stderr as
 * {@code MCP endpoint: http://127.0.0.1:PORT/mcp} and the server runs until the process is stopped
 * (SIGTERM or SIGINT), whatever its standard input is: closed, {@code /dev/null} under
 * {@code nohup}, or a container's without {@code -i}. Stdout carries only protocol messages.
 */
public final class McpServerMain {
    private McpServerMain() {}

    /** Makes the tools to serve for a repository directory. */
    @FunctionalInterface
    public interface ToolSource {
        /** The registry to serve for {@code repo} (an existing directory). */
        ToolRegistry tools(Path repo) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        String className = option(list, "--tools");
        if (className == null) {
            System.err.println("usage: McpServerMain --tools CLASS [--repo DIR] [--http PORT] [--name NAME]");
            System.exit(2);
        }
        ToolSource source;
        try {
            source = (ToolSource) Class.forName(className).getConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | ClassCastException e) {
            System.err.println("--tools " + className + ": not a public class implementing "
                    + ToolSource.class.getName() + " with a public no-argument constructor (" + e + ")");
            System.exit(2);
            return;
        }
        System.exit(run(list, source, System.in, System.out, System.err));
    }

    /**
     * Parses {@code --repo}, {@code --http} and {@code --name}, then serves: over stdio until
     * {@code in} ends, over HTTP (where {@code in} is not read) until the JVM shuts down (a signal)
     * or the calling thread is interrupted.
     *
     * @return the exit status: 0 after a normal end, 2 for bad arguments, a port that cannot be
     *     bound, or tools that cannot be made
     * @throws InterruptedException when the calling thread is interrupted; the server is closed
     */
    public static int run(List<String> args, ToolSource source, InputStream in, PrintStream out, PrintStream err)
            throws InterruptedException {
        return run(args, source, repo -> List.of(), in, out, err);
    }

    /** Makes the prompts to serve for a repository directory (the project's skills, say). */
    @FunctionalInterface
    public interface PromptSource {
        List<McpPrompt> prompts(Path repo) throws Exception;
    }

    /**
     * As {@link #run(List, ToolSource, InputStream, PrintStream, PrintStream)}, also serving
     * {@code prompts}. Either way the repository's files are served as read-only resources
     * ({@link McpToolServer.Builder#workspaceResources}).
     */
    public static int run(List<String> args, ToolSource source, PromptSource prompts, InputStream in, PrintStream out,
            PrintStream err) throws InterruptedException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prompts, "prompts");
        Path repo = Path.of(Objects.requireNonNullElse(option(args, "--repo"), ".")).toAbsolutePath().normalize();
        if (!Files.isDirectory(repo)) {
            err.println("--repo " + repo + ": not a directory");
            return 2;
        }
        String httpPort = option(args, "--http");
        String name = Objects.requireNonNullElse(option(args, "--name"), "openagention");
        ToolRegistry registry;
        try {
            registry = source.tools(repo);
        } catch (Exception e) {
            err.println("cannot make the tools to serve for " + repo + ": " + e);
            return 2;
        }
        McpToolServer.Builder builder = McpToolServer.builder().name(name).tools(registry).workspaceResources(repo);
        try {
            prompts.prompts(repo).forEach(builder::addPrompt);
        } catch (Exception e) {
            err.println("cannot make the prompts to serve for " + repo + ": " + e);
            return 2;
        }
        McpToolServer server = builder.build();
        if (httpPort == null) {
            server.serveStdio(in, out);
            return 0;
        }
        int port;
        try {
            port = Integer.parseInt(httpPort);
        } catch (NumberFormatException e) {
            err.println("--http " + httpPort + ": not a port number");
            return 2;
        }
        McpToolServer.HttpEndpoint endpoint;
        try {
            endpoint = server.startHttp(port);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("--http " + httpPort + ": " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            endpoint.close();
            stopped.countDown();
        }, "mcp-http-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        err.println("MCP endpoint: " + endpoint.uri());
        err.flush();
        try {
            stopped.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: the endpoint is closed by it.
            }
            endpoint.close();
        }
        return 0;
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
