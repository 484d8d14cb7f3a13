// SPDX-License-Identifier: Apache-2.0
/**
 * The execution plane: workspaces confined to a directory, the coding tools, git worktrees per
 * task, checkpoints, approvals, the bubblewrap sandbox, and the hooks users configure.
 */
module org.openagention.tools {
    requires transitive org.openagention.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports org.openagention.tools;
    exports org.openagention.tools.files;
    exports org.openagention.tools.hooks;
    exports org.openagention.tools.search;
    exports org.openagention.tools.process;
    exports org.openagention.tools.shell;

    opens org.openagention.tools.files to com.fasterxml.jackson.databind;
    opens org.openagention.tools.search to com.fasterxml.jackson.databind;
    opens org.openagention.tools.process to com.fasterxml.jackson.databind;
    opens org.openagention.tools.shell to com.fasterxml.jackson.databind;
    opens org.openagention.tools.internal to com.fasterxml.jackson.databind;
}
