// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.context;

import java.util.Random;

/**
 * The tool outputs and assistant texts of the scripted session, made up but shaped like a coding
 * agent's: Java files read whole (20 to 600 lines), grep results (1 to 80 matches), Maven test logs
 * (10 to 900 lines, a failure with its stack trace now and then) and short edit confirmations.
 * Sizes are drawn log-uniformly between those bounds, as real outputs are skewed: many small, a few
 * large (a file read's median is about 110 lines). Deterministic: turn {@code n} always gets the
 * same output.
 */
final class SessionOutputs {
    /** What one turn asks for and gets back. */
    record Turn(String tool, String argumentsJson, String output, String thought) {}

    private static final String[] PACKAGES = {"core", "tools", "orchestration", "cli", "journal", "context"};
    private static final String[] NAMES = {"AgentLoop", "TaskGraph", "Workspace", "Compaction", "Journal", "Scheduler",
            "ReviewQueue", "PatchEngine", "ApprovalPolicy", "RetryPolicy", "ToolRegistry", "Checkpoint"};

    private SessionOutputs() {}

    static Turn turn(int n) {
        Random r = new Random(31L * n + 7);
        String file = "src/main/java/org/example/" + PACKAGES[r.nextInt(PACKAGES.length)] + "/"
                + NAMES[r.nextInt(NAMES.length)] + (n % 17) + ".java";
        int kind = r.nextInt(100);
        if (kind < 45) {
            return new Turn("read_file", "{\"path\":\"" + file + "\"}", javaFile(r, logUniform(r, 20, 600)),
                    "Let me read " + file + " to see how it handles this case" + (r.nextBoolean() ? "." : ", then decide."));
        } else if (kind < 70) {
            String word = NAMES[r.nextInt(NAMES.length)].toLowerCase();
            return new Turn("grep", "{\"pattern\":\"" + word + "\"}", grep(r, word, logUniform(r, 1, 80)),
                    "I'll search for where " + word + " is used.");
        } else if (kind < 85) {
            return new Turn("run_tests", "{\"module\":\"" + PACKAGES[r.nextInt(PACKAGES.length)] + "\"}",
                    testLog(r, logUniform(r, 10, 900)), "Running the tests to check the change.");
        }
        return new Turn("edit_file", "{\"path\":\"" + file + "\",\"old\":\"return null;\",\"new\":\"return Optional.empty();\"}",
                "Edited " + file + ": replaced 1 occurrence (exact match).",
                "The method should return an empty Optional instead of null; editing it.");
    }

    /** A whole number between {@code min} and {@code max}, its logarithm uniform. */
    static int logUniform(Random r, int min, int max) {
        return (int) Math.round(min * Math.exp(r.nextDouble() * Math.log((double) max / min)));
    }

    static String javaFile(Random r, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            sb.append(i).append('\t');
            switch (r.nextInt(8)) {
                case 0 -> sb.append("    /** Returns the ").append(NAMES[r.nextInt(NAMES.length)]).append(" this step belongs to. */");
                case 1 -> sb.append("    private final Map<String, ").append(NAMES[r.nextInt(NAMES.length)]).append("> byId = new HashMap<>();");
                case 2 -> sb.append("        if (value == null || value.isEmpty()) {");
                case 3 -> sb.append("            throw new IllegalArgumentException(\"missing value for \" + key);");
                case 4 -> sb.append("        }");
                case 5 -> sb.append("        return ").append(NAMES[r.nextInt(NAMES.length)].toLowerCase()).append(".apply(input, ").append(r.nextInt(100)).append(");");
                case 6 -> sb.append("    public ").append(NAMES[r.nextInt(NAMES.length)]).append(" next(int index) {");
                default -> sb.append("");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String grep(Random r, String word, int matches) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < matches; i++) {
            sb.append("src/main/java/org/example/").append(PACKAGES[r.nextInt(PACKAGES.length)]).append('/')
                    .append(NAMES[r.nextInt(NAMES.length)]).append(".java:").append(1 + r.nextInt(400))
                    .append(":        ").append(word).append(".apply(request, options);\n");
        }
        return sb.toString();
    }

    static String testLog(Random r, int lines) {
        StringBuilder sb = new StringBuilder("[INFO] Scanning for projects...\n[INFO] Building example 1.0-SNAPSHOT\n");
        boolean failing = r.nextInt(3) == 0;
        for (int i = 0; i < lines; i++) {
            String test = NAMES[r.nextInt(NAMES.length)] + "Test";
            if (failing && i == lines / 2) {
                sb.append("[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 0 <<< FAILURE! - in org.example.")
                        .append(test).append('\n').append("[ERROR] org.example.").append(test)
                        .append(".returnsEmptyWhenMissing  Time elapsed: 0.012 s  <<< FAILURE!\n")
                        .append("org.opentest4j.AssertionFailedError: expected: <Optional.empty> but was: <null>\n");
                for (int j = 0; j < 12; j++) {
                    sb.append("\tat org.example.").append(NAMES[r.nextInt(NAMES.length)]).append(".run(")
                            .append(NAMES[r.nextInt(NAMES.length)]).append(".java:").append(10 + r.nextInt(300)).append(")\n");
                }
            } else {
                sb.append("[INFO] Tests run: ").append(1 + r.nextInt(30)).append(", Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.")
                        .append(r.nextInt(1000)).append(" s - in org.example.").append(test).append('\n');
            }
        }
        sb.append(failing ? "[INFO] BUILD FAILURE\n" : "[INFO] BUILD SUCCESS\n");
        return sb.toString();
    }
}
