#!/usr/bin/env bash
# Run gofix over a copy of the Go standard library and check its promises there:
# the --dry-run diff applies with `git apply`, --write gives the same files, every changed
# file is gofmt-clean, and a second --write changes nothing. Prints findings per code.
# Usage: scripts/stdlib-sweep.sh [extra gofix flags…]   (needs go on PATH and a release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gofix="$root/target/release/gofix"
goroot="$(go env GOROOT)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$goroot/src" "$work/src"
cd "$work"
git init -q && git add -A && git -c user.email=s@x -c user.name=sweep commit -qm base

set +e
"$gofix" --output-format json "$@" src > findings.json 2> check.err
"$gofix" --dry-run "$@" src > fix.diff 2> dry.err
set -e
echo "findings per code:"
python3 -c '
import json, collections
rows = json.load(open("findings.json"))
c = collections.Counter(r["code"] for r in rows)
for k in sorted(c): print(f"  {k} {c[k]}")
print(f"  total {len(rows)}")'
grep -c "syntax gofix does not understand" check.err | sed 's/^/syntax gaps: /' || true
tail -1 check.err

git apply --check fix.diff && echo "git apply --check: ok"
"$gofix" --write "$@" src > /dev/null 2>&1 || true
changed=$(git diff --name-only | wc -l)
echo "files changed by --write: $changed"
git diff > write.diff
git stash -q && git apply fix.diff && git diff > dry.applied && git checkout -q . && git stash pop -q
cmp -s <(grep -v '^index' dry.applied) <(grep -v '^index' write.diff) && echo "dry-run diff == --write result"
unformatted=$(git diff --name-only | xargs -r "$goroot/bin/gofmt" -l)
[ -z "$unformatted" ] && echo "gofmt -l on changed files: clean" || { echo "NOT gofmt-clean: $unformatted"; exit 1; }
git add -A && git -c user.email=s@x -c user.name=sweep commit -qm fixed
"$gofix" --write "$@" src > /dev/null 2>&1 || true
[ -z "$(git status --porcelain)" ] && echo "second --write: no change (idempotent)" || { echo "second --write changed files"; exit 1; }
