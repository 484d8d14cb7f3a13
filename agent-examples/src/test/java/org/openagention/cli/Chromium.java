// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) loading a report from a file: its DOM after the
 * page's scripts ran, and its console log. Skips the test when Chromium is not installed, except in
 * CI ({@code CI=true}), where that fails it.
 */
final class Chromium {
    private Chromium() {}

    record Page(String dom, String log) {
        /** An attribute of the report's {@code #render-check} element. */
        String check(String attribute) {
            Matcher m = Pattern.compile("<div id=\"render-check\"[^>]*\\b" + attribute + "=\"([^\"]*)\"").matcher(dom);
            assertThat(m.find()).as("render-check %s in the rendered DOM", attribute).isTrue();
            return m.group(1);
        }

        /** Console messages the page logged as errors. */
        List<String> consoleErrors() {
            return log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    static Path executable() {
        Optional<Path> found = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .flatMap(name -> List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("chromium is not installed, and CI=true requires the report test to run"
                        + " (apt-get install -y chromium)");
            }
            Assumptions.abort("chromium is not installed: skipping the headless report check"
                    + " (apt-get install -y chromium)");
        }
        return found.get();
    }

    static Page load(Path html, Path profile) throws IOException, InterruptedException {
        Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Path dom = Files.createTempFile(profile.getParent(), "chromium", ".html");
        Process p = new ProcessBuilder(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--dump-dom", html.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 2 minutes");
        }
        assertThat(p.exitValue()).as("chromium exit code; log:\n%s", Files.readString(log)).isZero();
        return new Page(Files.readString(dom, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
    }
}
