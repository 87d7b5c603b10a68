#!/usr/bin/env bash
# Installs the web UI's packages from the committed lockfile when node_modules is missing or older
# than the lockfile; otherwise does nothing, so repeat builds do not touch the network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v npm >/dev/null 2>&1 || { echo "npm is needed to build the web UI: install Debian's nodejs and npm" >&2; exit 1; }
stamp=node_modules/.framewise-lock
if [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ] && [ ! package.json -nt "$stamp" ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
