package org.openagention.orchestration.automation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The git command line, run as a child process with a time limit. */
final class Git {
    private static final long TIMEOUT_SECONDS = 30;

    /** A finished git command. */
    record Output(int exit, String text) {
        boolean ok() {
            return exit == 0;
        }
    }

    private Git() {}

    static Output run(Path repo, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " took longer than " + TIMEOUT_SECONDS + "s");
            }
            return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
    }

    /** The commit {@code branch} points at, or empty when it does not exist (yet). */
    static String head(Path repo, String branch) throws IOException {
        Output o = run(repo, "rev-parse", "--verify", "--quiet", branch + "^{commit}");
        return o.ok() ? o.text() : "";
    }
}
