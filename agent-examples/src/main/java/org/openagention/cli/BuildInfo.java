// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code openagention --version} prints: the version and the git commit this CLI was built from,
 * then the Java runtime it runs on. The build writes both into {@code build.properties} beside this
 * class (agent-examples' pom, the build-info execution); a commit the build could not read (no git,
 * or not a git checkout) is {@code unknown}, and so is everything when the file is missing (classes
 * compiled by an IDE without Maven).
 */
final class BuildInfo implements CommandLine.IVersionProvider {
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return lines(read(), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** The version lines for the build's {@code properties} and the runtime described by the rest. */
    static String[] lines(Properties build, String javaVersion, String javaVendor, String platform) {
        return new String[] {
            "openagention " + value(build, "version") + " (commit " + value(build, "commit") + ")",
            "Java " + javaVersion + " (" + javaVendor + "), " + platform
        };
    }

    private static String value(Properties build, String key) {
        String v = build.getProperty(key, "").strip();
        // an unfiltered placeholder means the build did not write the value
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CLI's build.properties", e);
        }
        return p;
    }
}
