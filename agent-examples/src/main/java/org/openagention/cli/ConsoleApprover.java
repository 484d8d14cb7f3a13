// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.tools.Approver;

/**
 * The person at the terminal decides the calls the approval policy asks about: {@code y} allows
 * this call, {@code n} denies it, {@code a} allows this call and every later call of the same tool
 * in this process. With no console (output piped, CI) every such call is denied with a reason that
 * says how to allow it. Thread-safe: questions from parallel workers are asked one at a time.
 */
final class ConsoleApprover implements Approver {
    private static final int MAX_ARGS = 300;

    private final Terminal terminal;
    private final Set<String> always = ConcurrentHashMap.newKeySet();

    ConsoleApprover(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Answer decide(Request request) {
        String tool = request.call().name();
        if (always.contains(tool)) {
            return Answer.approve("approved at the console (always for " + tool + ")");
        }
        if (!terminal.canAsk()) {
            return Answer.deny("no one is at a console to approve " + tool + " (the policy asks under rule '"
                    + request.rule() + "'): rerun with --approval full-access or --approval sandboxed to allow it");
        }
        String args = request.call().argumentsJson();
        String question = "Allow " + tool + " " + (args.length() > MAX_ARGS ? args.substring(0, MAX_ARGS) + "…" : args)
                + "\n  (rule: " + request.rule() + ") [y]es / [n]o / [a]lways for " + tool + ": ";
        while (true) {
            Optional<String> answer = terminal.ask(question);
            if (answer.isEmpty()) {
                return Answer.deny("the console closed before anyone answered, so " + tool + " was denied");
            }
            switch (answer.get().strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes":
                    return Answer.approve("approved at the console");
                case "n", "no", "":
                    return Answer.deny("the person at the console declined this " + tool + " call");
                case "a", "always":
                    always.add(tool);
                    return Answer.approve("approved at the console (always for " + tool + ")");
                default:
                    question = "Please answer y, n or a: ";
            }
        }
    }

    @Override
    public String name() {
        return "console";
    }
}
