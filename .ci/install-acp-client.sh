#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Agent Client Protocol's TypeScript SDK (pinned, from the npm registry), whose client
# side drives 'openagention acp' in agent-examples' AcpEndToEndTest, into a cache directory outside
# the repository. The test skips where it is missing, except under CI=true, where it fails.
#
# Directory: $OPENAGENTION_ACP_CLIENT, else $HOME/.cache/openagention/acp-client.
set -euo pipefail

dir="${OPENAGENTION_ACP_CLIENT:-$HOME/.cache/openagention/acp-client}"
packages=(
  "@agentclientprotocol/sdk@2.4.0"
  "zod@4.6.7"
)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-acp-client: node and npm are required (node $(command -v node || echo missing), npm $(command -v npm || echo missing))" >&2
  exit 1
fi

mkdir -p "$dir"
if [ ! -f "$dir/package.json" ]; then
  echo '{"private": true, "name": "openagention-acp-client"}' > "$dir/package.json"
fi
echo "install-acp-client: installing ${packages[*]} into $dir (node $(node --version))"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "${packages[@]}"
[ -f "$dir/node_modules/@agentclientprotocol/sdk/package.json" ] || { echo "install-acp-client: the SDK is missing after the install" >&2; exit 1; }
echo "install-acp-client: done"
