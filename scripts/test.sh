#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing, starts a
# Neo4j of its own (instance "test", port 7688), runs pytest, stops Neo4j.
#
#   bash scripts/test.sh [pytest arguments]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install.sh --test

export NEO4J_INSTANCE=test NEO4J_PORT=${NEO4J_TEST_PORT:-7688}
export NEO4J_TEST_URI=${NEO4J_TEST_URI:-bolt://127.0.0.1:$NEO4J_PORT}
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-newskg-dev-password}
started=0
if ! scripts/neo4j.sh status >/dev/null 2>&1; then
  scripts/neo4j.sh start
  started=1
fi
stop() { if [ "$started" = 1 ]; then scripts/neo4j.sh stop || true; fi; }
trap stop EXIT

.venv/bin/ruff check kg tests benchmarks cli.py
.venv/bin/python -m pytest "$@"
