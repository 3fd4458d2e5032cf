#!/usr/bin/env bash
# Run gofix over a copy of the Go standard library and check its promises there: the
# --dry-run diff applies with `git apply` and gives the same files as --write, every changed
# file parses and is gofmt-clean, a second --write changes nothing, --threads 1 and 2 agree,
# nothing panics. Prints findings per code and fixes per code.
# These checks are the quick part of scripts/stdlib-oracle.sh, which also has a full part
# (`go build std` and `go vet` against the fixed copy); this name is kept for habit and docs.
# Usage: scripts/stdlib-sweep.sh [extra gofix flags…]   (needs go on PATH and a release build,
# or GOFIX_BIN)
set -euo pipefail
exec "$(dirname "$0")/stdlib-oracle.sh" --quick "$@"
