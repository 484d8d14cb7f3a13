#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Adds the SPDX license line to the repository's tracked sources that lack it:
#   - "// SPDX-License-Identifier: Apache-2.0" as the first line of every Java source under a module's
#     src/*/java (main, test, ...). Not the demo's sample project (agent-examples/src/main/resources/
#     .../cli/sample): it is data a recorded session edits line by line, and its license is ours anyway;
#   - "# SPDX-License-Identifier: Apache-2.0" after the shebang of every shell script (a tracked file whose
#     first line is #! naming sh or bash) that has no SPDX line in its first three lines.
# Idempotent: a second run changes nothing. Keeps each file's mode. Prints what it changed.
#
# Usage: scripts/add-spdx-headers.sh [REPOSITORY]   (default: the repository this script is in)
set -euo pipefail
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root"
java_line='// SPDX-License-Identifier: Apache-2.0'
shell_line='# SPDX-License-Identifier: Apache-2.0'
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
changed=0

# Rewrites $1 from $tmp in place (cat >, not mv, so the file keeps its mode and owner).
replace() { cat "$tmp" > "$1"; echo "spdx: $1"; changed=$((changed + 1)); }

while IFS= read -r -d '' f; do
  [[ -f "$f" ]] || continue
  [[ "$(head -n 1 "$f")" == "$java_line" ]] && continue
  { printf '%s\n' "$java_line"; cat "$f"; } > "$tmp"
  replace "$f"
done < <(git ls-files -z -- '*/src/*/java/*.java')

while IFS= read -r -d '' f; do
  [[ -f "$f" ]] || continue
  first="$(head -n 1 "$f" 2>/dev/null | tr -d '\0')" || continue
  [[ "$first" =~ ^#!.*(/|[[:space:]])(ba)?sh([[:space:]]|$) ]] || continue
  head -n 3 "$f" | grep -q 'SPDX-License-Identifier:' && continue
  { printf '%s\n%s\n' "$first" "$shell_line"; tail -n +2 "$f"; } > "$tmp"
  replace "$f"
done < <(git ls-files -z)

echo "spdx: $changed file(s) changed"
