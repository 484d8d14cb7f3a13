// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ends the sessions of running commands when this JVM dies without ending them itself (SIGKILL, a
 * crash, an out-of-memory kill): a small {@code sh} process, started at the first command and
 * leading its own session, hears each command's session id while it runs, and when its standard
 * input closes (which the kernel does when the JVM goes, however it goes) kills whatever sessions
 * it still holds. Without it a {@code sleep 600} in a shell call would outlive a killed JVM, as
 * every command runs in its own session, out of reach of a signal to the JVM's process group.
 *
 * <p>Best effort: where it cannot start (no {@code sh}, no {@code setsid}) commands run as before.
 */
final class Reaper {
    /**
     * Lines {@code +SID} and {@code -SID} add and remove a session; at end of input every session
     * left is killed: its processes found by {@code pkill -s}, else the process group of the same id.
     */
    private static final String SCRIPT = String.join("\n",
            "sessions=' '",
            "while IFS= read -r line; do",
            "  case $line in",
            "    +*) sessions=\"$sessions${line#+} \" ;;",
            "    -*) s=${line#-}",
            "        case $sessions in *\" $s \"*) sessions=\"${sessions%% $s *} ${sessions#* $s }\" ;; esac ;;",
            "  esac",
            "done",
            "for s in $sessions; do",
            "  pkill -KILL -s \"$s\" 2>/dev/null || kill -KILL -- \"-$s\" 2>/dev/null",
            "done",
            "");

    private static OutputStream in;
    private static boolean broken;

    private Reaper() {}

    /** Starts the reaper if it is not running, so that {@link #watch} right after a start is quick. */
    static synchronized void ready() {
        if (in == null && !broken) {
            try {
                Process reaper = new ProcessBuilder("setsid", "sh", "-c", SCRIPT)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                in = reaper.getOutputStream();
            } catch (IOException e) {
                broken = true; // no reaper: commands still run and end as usual while this JVM lives
            }
        }
    }

    /** Kills session {@code sid} if this JVM dies while it runs. */
    static void watch(long sid) {
        send("+" + sid);
    }

    /** The session ended (or was killed) in the usual way. */
    static void release(long sid) {
        send("-" + sid);
    }

    private static synchronized void send(String line) {
        ready();
        if (broken) {
            return;
        }
        try {
            in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            broken = true; // the reaper is gone: commands still run and end as usual while this JVM lives
        }
    }
}
