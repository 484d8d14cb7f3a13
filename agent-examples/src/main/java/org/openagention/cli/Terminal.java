// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the CLI writes for a person: plain lines, a live region redrawn in place with ANSI cursor
 * movement, and questions answered on the console. One lock orders all three, so a question never
 * lands inside a half-drawn table. Thread-safe.
 */
final class Terminal {
    private static final String ESC = "\u001b[";

    private final PrintStream out;
    private final boolean ansi;
    private final int width;
    private final Function<String, String> console;
    private int drawn;

    /**
     * @param ansi whether to redraw in place (a terminal); false for plain lines
     * @param console reads one answer after printing a prompt; returns null at end of input; null
     *     itself when there is no console to ask
     */
    Terminal(PrintStream out, boolean ansi, int width, Function<String, String> console) {
        this.out = out;
        this.ansi = ansi;
        this.width = Math.max(40, width);
        this.console = console;
    }

    boolean ansi() {
        return ansi;
    }

    boolean canAsk() {
        return console != null;
    }

    /** Prints a line above the live region (which is drawn again by its next update). */
    synchronized void println(String line) {
        clearRegion();
        out.println(line);
        out.flush();
    }

    /** Replaces the live region with {@code lines}. Without ANSI it does nothing. */
    synchronized void draw(List<String> lines) {
        if (!ansi) {
            return;
        }
        clearRegion();
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(cut(line)).append('\n');
        }
        out.print(sb);
        out.flush();
        drawn = lines.size();
    }

    /** Leaves the live region as it is on the screen; later output goes below it. */
    synchronized void release() {
        drawn = 0;
    }

    /** Asks a question on the console; empty when there is no console or input ended. */
    synchronized Optional<String> ask(String prompt) {
        if (console == null) {
            return Optional.empty();
        }
        release();
        out.flush();
        return Optional.ofNullable(console.apply(prompt));
    }

    private void clearRegion() {
        if (ansi && drawn > 0) {
            out.print(ESC + drawn + "A" + ESC + "J");
            drawn = 0;
        }
    }

    private String cut(String line) {
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
