// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

/** Where a piece of evidence came from. */
public enum SourceKind {
    /** The content of a file the agent read. */
    FILE_READ,
    /** The output of a tool call. */
    TOOL_RESULT,
    /** What the user said. */
    USER_INPUT
}
