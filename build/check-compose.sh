#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker daemon, with Debian's docker-compose (installed when missing
# and we are root with apt; otherwise skipped with a message).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "check-compose: installing Debian's docker-compose" >&2
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose) >/dev/null
  else
    echo "check-compose: docker-compose not installed and cannot install it here; skipping the check" >&2
    exit 0
  fi
fi
docker-compose -f docker-compose.yml config -q
echo "check-compose: docker-compose.yml is valid"
