// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.core.testing.FakeModel;
import org.openagention.tools.Checkpoints;
import org.openagention.tools.Workspace;
import org.openagention.tools.files.FileDiff;
import org.openagention.tools.files.FileTools;
import org.openagention.tools.files.PatchEngine;
import org.openagention.tools.files.PatchException;
import org.openagention.tools.files.PatchResult;

/**
 * Chapter 5, safe file editing and patches: change exactly the lines meant, say what changed,
 * and be able to undo it, instead of rewriting whole files.
 *
 * <p>Shows a unified diff parsed, applied and reverted to the byte; malformed and stale diffs
 * refused with every problem named; and the agent's edit tools refusing unsafe edits (a file not
 * read first, an ambiguous match, a patch that only partly applies, a path outside the
 * workspace), with a checkpoint rewinding what was changed.
 */
public final class Ch05SafeEditing {
    private static final String CALC = "class Calc {\n    int sub(int a, int b) {\n        return a + b;\n    }\n}\n";
    private static final String FIX = "--- a/Calc.java\n+++ b/Calc.java\n@@ -2,3 +2,3 @@\n"
            + "     int sub(int a, int b) {\n-        return a + b;\n+        return a - b;\n     }\n";

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(5, "safe file editing and patch application", args)) {
            ex.step("A unified diff fixes the a + b bug, and reverting it gives back the original exactly");
            FileDiff diff = PatchEngine.parse(FIX).get(0);
            PatchResult fixed = PatchEngine.apply(CALC, diff);
            ex.say(diff.path() + ": " + diff.hunks().size() + " hunk " + diff.hunks().get(0).header()
                    + ", landed where stated: " + fixed.exact());
            ex.say("line 3 is now: " + fixed.text().lines().skip(2).findFirst().orElseThrow().strip());
            ex.say("revert gives back the original: " + PatchEngine.revert(fixed.text(), diff).text().equals(CALC));

            ex.step("Malformed diffs are refused before anything is touched, every problem named");
            ex.say("empty diff: " + PatchEngine.validate(""));
            ex.say("no hunk header: " + PatchEngine.validate("--- a/Calc.java\n+++ b/Calc.java\n-        return a + b;\n"));
            ex.say("overlapping hunks: " + PatchEngine.validate(FIX + "@@ -3,1 +3,1 @@\n-        return a + b;\n+        return b;\n"));

            ex.step("A stale diff (the file changed since) is refused, showing what it expected and what is there");
            try {
                PatchEngine.apply(CALC.replace("a + b", "b + a"), diff);
            } catch (PatchException e) {
                ex.refused("the stale diff", e);
            }

            ex.step("The agent's edit tools: unsafe edits are refused as errors the model can act on");
            Path dir = ex.tempDir();
            Files.writeString(dir.resolve("Calc.java"), CALC);
            Files.writeString(dir.resolve("Notes.md"), "TODO\nTODO\n");
            Workspace workspace = Workspace.local(dir);
            Checkpoints checkpoints = Checkpoints.open(workspace, ex.tempDir());
            String badPatch = "*** Begin Patch\n*** Update File: Calc.java\n@@\n-        return a + b;\n+        return a - b;\n"
                    + "*** Update File: Notes.md\n@@\n-DONE\n+FINISHED\n*** End Patch";
            FakeModel script = new FakeModel()
                    .enqueueToolCall("edit_file", "{\"path\":\"Calc.java\",\"old_string\":\"a + b\",\"new_string\":\"a - b\"}")
                    .enqueueToolCall("read_file", "{\"path\":\"Notes.md\"}")
                    .enqueueToolCall("edit_file", "{\"path\":\"Notes.md\",\"old_string\":\"TODO\",\"new_string\":\"DONE\"}")
                    .enqueueToolCall("apply_patch", "{\"input\":" + json(badPatch) + "}")
                    .enqueueToolCall("write_file", "{\"path\":\"../escape.txt\",\"content\":\"out\"}")
                    .enqueueToolCall("read_file", "{\"path\":\"Calc.java\"}")
                    .enqueueToolCall("edit_file", "{\"path\":\"Calc.java\",\"old_string\":\"a + b\",\"new_string\":\"a - b\"}")
                    .enqueueText("Fixed: sub now returns a - b.");
            Agent.builder().model(ex.model(script)).tools(FileTools.all(workspace)).addToolInterceptor(checkpoints)
                    .addListener(ex.trace()).build()
                    .run("Fix Calc.sub and mark the notes as done.");
            ex.say("Calc.java line 3 is \"" + Files.readAllLines(dir.resolve("Calc.java")).get(2).strip() + "\""
                    + "; Notes.md untouched by the failed patch: " + Files.readString(dir.resolve("Notes.md")).equals("TODO\nTODO\n"));

            ex.step("Undo: every mutating call took a checkpoint first; rewind to before the first one");
            ex.say(checkpoints.list().size() + " checkpoint(s), the first " + checkpoints.list().get(0).label());
            checkpoints.rewind(checkpoints.list().get(0));
            ex.say("after rewind, Calc.java is the original again: " + Files.readString(dir.resolve("Calc.java")).equals(CALC));
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
