#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Checks the bundle `mvn -B -Prelease -DskipTests verify` wrote (target/central-bundle, or the folder
# given) against what Maven Central requires of every published module:
#   - the modules expected are the root POM's <module>s whose POM does not set <publish.skip>true;
#   - a jar module has its jar (with classes), -sources.jar (with .java files), -javadoc.jar (with an
#     index.html) and POM; a pom module (agent-bom) its POM;
#   - each POM has groupId/artifactId/version matching its place, name, description, url, a license,
#     a developer and scm (connection, developerConnection, url), and no <parent> (flattened);
#   - every file has an .md5 and .sha1 that match it; when any .asc is present, every file has one
#     (and gpg, when installed, verifies it).
# Prints one line per problem and exits 1 if there is any; exits 0 with a summary otherwise.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="${1:-$root/target/central-bundle}"
group_path="org/openagention"
problems=0
problem() { echo "central bundle: $*" >&2; problems=$((problems + 1)); }

[[ -d "$bundle" ]] || { echo "central bundle: $bundle does not exist (run: mvn -B -Prelease -DskipTests verify)" >&2; exit 1; }
version="$(sed -n '0,/<version>/s:.*<version>\([^<]*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
[[ -n "$version" ]] || { echo "central bundle: cannot read the version from $root/pom.xml" >&2; exit 1; }

expected=()
for module in $(sed -n 's:.*<module>\([^<]*\)</module>.*:\1:p' "$root/pom.xml"); do
  pom="$root/$module/pom.xml"
  [[ -f "$pom" ]] || { problem "module $module has no pom.xml"; continue; }
  grep -q '<publish.skip>true</publish.skip>' "$pom" && continue
  artifact="$(sed -n '/<parent>/,/<\/parent>/d; s:.*<artifactId>\([^<]*\)</artifactId>.*:\1:p' "$pom" | head -1)"
  packaging="$(sed -n 's:.*<packaging>\([^<]*\)</packaging>.*:\1:p' "$pom" | head -1)"
  expected+=("$artifact:${packaging:-jar}")
done

# One element of a POM, outside <dependencies>, <dependencyManagement>, <build> and <profiles>.
element() {
  sed -e '/<dependencies>/,/<\/dependencies>/d' -e '/<dependencyManagement>/,/<\/dependencyManagement>/d' \
      -e '/<build>/,/<\/build>/d' -e '/<profiles>/,/<\/profiles>/d' "$1" \
    | tr -d '\n' | grep -o "<$2>[^<]*</$2>" | head -1 | sed -e "s:<$2>::" -e "s:</$2>::"
}
block() { tr -d '\n' < "$1" | grep -o "<$2[ >].*</$2>" | head -1; }

check_pom() {
  local pom=$1 artifact=$2
  [[ "$(element "$pom" groupId)" == "org.openagention" ]] || problem "$artifact: POM groupId is not org.openagention"
  [[ "$(element "$pom" artifactId)" == "$artifact" ]] || problem "$artifact: POM artifactId is not $artifact"
  [[ "$(element "$pom" version)" == "$version" ]] || problem "$artifact: POM version is not $version"
  for e in name description url; do
    [[ -n "$(element "$pom" $e)" ]] || problem "$artifact: POM has no <$e>"
  done
  if grep -q '<parent>' "$pom"; then problem "$artifact: POM names a parent (it should be flattened)"; fi
  grep -q '<license>.*<name>[^<][^<]*</name>' <<<"$(block "$pom" licenses)" || problem "$artifact: POM has no <licenses><license><name>"
  grep -q '<developer>.*<name>[^<][^<]*</name>' <<<"$(block "$pom" developers)" || problem "$artifact: POM has no <developers><developer><name>"
  local scm; scm="$(block "$pom" scm)"
  for e in connection developerConnection url; do
    grep -q "<$e>[^<][^<]*</$e>" <<<"$scm" || problem "$artifact: POM has no <scm><$e>"
  done
}

check_jar() {
  local jar=$1 artifact=$2 what=$3 pattern=$4
  [[ -f "$jar" ]] || { problem "$artifact: no $what ($(basename "$jar"))"; return; }
  unzip -tqq "$jar" >/dev/null 2>&1 || { problem "$artifact: $(basename "$jar") is not a valid jar"; return; }
  local listing; listing="$(unzip -Z1 "$jar")"
  grep -Eq "$pattern" <<<"$listing" || problem "$artifact: $(basename "$jar") holds no $pattern"
}

signed=false
[[ -n "$(find "$bundle" -name '*.asc' -print -quit)" ]] && signed=true
files=0
for entry in "${expected[@]}"; do
  artifact="${entry%%:*}" packaging="${entry#*:}"
  dir="$bundle/$group_path/$artifact/$version"
  base="$dir/$artifact-$version"
  [[ -d "$dir" ]] || { problem "$artifact: not in the bundle ($dir)"; continue; }
  if [[ -f "$base.pom" ]]; then check_pom "$base.pom" "$artifact"; else problem "$artifact: no POM"; fi
  if [[ "$packaging" != "pom" ]]; then
    check_jar "$base.jar" "$artifact" jar '\.class$'
    check_jar "$base-sources.jar" "$artifact" "sources jar" '\.java$'
    check_jar "$base-javadoc.jar" "$artifact" "javadoc jar" '^index\.html$'
  fi
  for f in "$dir"/*; do
    case "$f" in *.md5|*.sha1) continue ;; esac
    files=$((files + 1))
    for alg in md5 sha1; do
      if [[ ! -f "$f.$alg" ]]; then problem "$artifact: $(basename "$f") has no .$alg"
      elif [[ "$(tr -d ' \n' < "$f.$alg")" != "$(${alg}sum "$f" | cut -d' ' -f1)" ]]; then
        problem "$artifact: $(basename "$f").$alg does not match the file"
      fi
    done
    if $signed && [[ "$f" != *.asc ]]; then
      if [[ ! -f "$f.asc" ]]; then problem "$artifact: $(basename "$f") has no signature (.asc)"
      elif command -v gpg >/dev/null 2>&1 && ! gpg --batch --verify "$f.asc" "$f" >/dev/null 2>&1; then
        problem "$artifact: $(basename "$f").asc does not verify"
      fi
    fi
  done
done
for dir in "$bundle/$group_path"/*; do
  name="$(basename "$dir")"
  printf '%s\n' "${expected[@]}" | grep -q "^$name:" || problem "$name is in the bundle but is not a published module"
done

if (( problems > 0 )); then
  echo "central bundle: $problems problem(s) in $bundle" >&2
  exit 1
fi
echo "central bundle: OK: ${#expected[@]} modules (${expected[*]%%:*}), $files files, checksums match$($signed && echo ', signed' || echo ', unsigned')"
