package org.openagention.orchestration;

import java.nio.file.Path;

/**
 * The child JVM of {@link ResumeTest}: runs the scenario's graph with a file journal until the
 * test kills it. Arguments: journal dir, lanes dir, log file, markers dir, task to block on, run id.
 */
final class ResumeChild {
    private ResumeChild() {}

    public static void main(String[] args) {
        OrchestrationResult result = ResumeScenario.orchestrator(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                Path.of(args[3]), args[4]).run(args[5], "", ResumeScenario.graph());
        System.out.println("the run ended, which it should not have: " + result);
        System.exit(3);
    }
}
