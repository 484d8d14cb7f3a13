// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test help: the pids a script printed as {@code pid:<n>}, and the check that they were all killed. */
public final class Pids {
    private static final Pattern PID = Pattern.compile("pid:(\\d+)");

    private Pids() {}

    /** Every {@code pid:<n>} in {@code output}, in order. */
    public static List<Long> in(String output) {
        Matcher m = PID.matcher(output);
        List<Long> pids = new ArrayList<>();
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    /** Fails unless every process of {@code pids} is gone (or a zombie nobody reaped). */
    public static void assertAllGone(List<Long> pids) {
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(h -> !ProcessTree.isGone(h)))
                    .as("process %d must have been killed", pid).isEmpty();
        }
    }
}
