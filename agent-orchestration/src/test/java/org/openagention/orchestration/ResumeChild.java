// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.nio.file.Path;

/**
 * The child JVM of the resume tests: runs the scenario's graph with a file journal until the test
 * kills it. Arguments: journal dir, lanes dir (or repository, with "git"), log file, markers dir,
 * task to block on, run id, and "git" or "dirs".
 */
final class ResumeChild {
    private ResumeChild() {}

    public static void main(String[] args) {
        Orchestrator orchestrator = args.length > 6 && args[6].equals("git")
                ? ResumeScenario.onRepository(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4])
                : ResumeScenario.orchestrator(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                        args[4]);
        OrchestrationResult result = orchestrator.run(args[5], "", ResumeScenario.graph());
        System.out.println("the run ended, which it should not have: " + result);
        System.exit(3);
    }
}
