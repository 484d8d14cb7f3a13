// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command runs with: its output streams, the environment, and the console (null when no
 * person is at one). Passed in rather than read from {@link System}, so tests run commands in
 * process with their own streams and environment.
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Function<String, String> console) {

    /** The process's own streams, environment and console. */
    static CliContext system() {
        java.io.Console c = System.console();
        Function<String, String> console = c == null ? null : prompt -> c.readLine("%s", prompt);
        return new CliContext(System.out, System.err, System.getenv(), console);
    }

    /** A terminal for progress: live (ANSI) when asked, or when a console is there and {@code --progress} is auto. */
    Terminal terminal(String progress) {
        boolean live = switch (progress) {
            case "live" -> true;
            case "plain" -> false;
            default -> console != null && !"dumb".equals(env.get("TERM"));
        };
        int width = 120;
        try {
            width = Integer.parseInt(env.getOrDefault("COLUMNS", "120").strip());
        } catch (NumberFormatException e) {
            // keep the default
        }
        return new Terminal(out, live, width, console);
    }
}
