// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What {@code openagention --version} prints, from the build's properties. */
class BuildInfoTest {
    @Test
    void versionLineNamesTheVersionAndCommitThenTheRuntime() {
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        build.setProperty("commit", "abc1234");
        assertThat(BuildInfo.lines(build, "21.0.2", "Eclipse Adoptium", "Linux amd64"))
                .containsExactly("openagention 1.2.3 (commit abc1234)", "Java 21.0.2 (Eclipse Adoptium), Linux amd64");
    }

    @Test
    void whatTheBuildDidNotWriteIsUnknown() {
        Properties placeholders = new Properties();
        placeholders.setProperty("version", "${project.version}");
        placeholders.setProperty("commit", " ");
        assertThat(BuildInfo.lines(placeholders, "17", "v", "p")[0]).isEqualTo("openagention unknown (commit unknown)");
        assertThat(BuildInfo.lines(new Properties(), "17", "v", "p")[0]).isEqualTo("openagention unknown (commit unknown)");
    }

    @Test
    void versionOptionPrintsWhatThisBuildWrote() {
        Cli.Outcome o = Cli.inProcess(Map.of(), "--version");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out().lines().findFirst().orElse(""))
                .matches("openagention \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{4,40}|unknown)\\)");
        assertThat(o.out()).contains("Java " + System.getProperty("java.version"));
    }
}
