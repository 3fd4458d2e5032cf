#!/usr/bin/env bash
# Time gofix against the issue's performance targets and print one table: medians, the ratio
# to `gofmt -l` over the same tree, peak RSS and pass/FAIL per target.
#
# Targets (issue 10): check with all rules ≤0.5× gofmt -l; --dry-run ≤0.6×; one file <20 ms;
# peak memory <300 MB; 2 threads ≥1.7× faster than 1; warm cache ≤0.1× gofmt -l.
#
# Usage: scripts/bench.sh
#   BENCH_RUNS=N       timed runs of each stdlib command (default 3; each also gets 1 warmup)
#   BENCH_FAST_RUNS=N  timed runs of the fixtures and one-file commands (default 20: they take
#                      milliseconds, so a few runs would be mostly noise)
#   GOFIX_BIN=PATH     the gofix to time (default: `cargo build --release`, then its binary)
#   BENCH_GOROOT=DIR   the Go tree whose src/ and bin/gofmt are used (default: `go env GOROOT`)
# With the defaults this takes about 10 minutes on 2 cores (the five stdlib rows, 4 runs each,
# are nearly all of it); BENCH_RUNS=1 halves that.
#
# Needs hyperfine, GNU time (/usr/bin/time), go, python3. Everything runs over copies (of
# GOROOT/src and of transforms/) in a temporary directory, because gofix may write a cache
# next to the tree it checks and the real GOROOT must stay untouched.
#
# Each timed command runs under `/usr/bin/time -v -a -o FILE` so that peak RSS comes from the
# very runs that were timed, without extra runs; that wrapper costs well under a millisecond per
# run and wraps gofmt the same way, so ratios stay fair. Exit codes are ignored while timing
# (`hyperfine -i`: gofix exits 1 on findings, gofmt -l exits 2 on the stdlib's deliberately
# broken testdata) and listed under the table when they were not 0 or 1.
#
# Cache: when `gofix --help` lists `--no-cache`, every cold row passes it and one more row
# times a check over the unchanged stdlib copy with the cache on (primed by one untimed run).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
fast_runs="${BENCH_FAST_RUNS:-20}"

missing() { echo "bench.sh: $1 is missing; install it with: $2" >&2; exit 2; }
command -v hyperfine > /dev/null || missing hyperfine "apt-get install -y hyperfine (Debian/Ubuntu) or cargo install hyperfine"
[ -x /usr/bin/time ] || missing /usr/bin/time "apt-get install -y time"
command -v go > /dev/null || missing go "a Go toolchain on PATH (https://go.dev/dl/)"
command -v python3 > /dev/null || missing python3 "apt-get install -y python3"

goroot="${BENCH_GOROOT:-$(go env GOROOT)}"
gofmt="$goroot/bin/gofmt"
[ -x "$gofmt" ] || { echo "bench.sh: no gofmt at $gofmt" >&2; exit 2; }

if [ -n "${GOFIX_BIN:-}" ]; then
    gofix="$GOFIX_BIN"
else
    (cd "$root" && cargo build --release --quiet)
    gofix="${CARGO_TARGET_DIR:-$root/target}/release/gofix"
fi
[ -x "$gofix" ] || { echo "bench.sh: no gofix binary at $gofix" >&2; exit 2; }

# Cold rows must not be helped by a cache left by an earlier row; a gofix without the flag
# has no cache, so every row is cold anyway.
no_cache=()
if "$gofix" --help | grep -q -- --no-cache; then no_cache=(--no-cache); fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/json" "$work/rss"
cp -r "$goroot/src" "$work/src"
cp -r "$root/transforms" "$work/transforms"
cd "$work"

# The pre-commit case, twice: a fixture file whose small package comes along as context, and
# a stdlib file whose package (net/http, ~70 files) is what a real project's big package costs.
one_small="transforms/GF120/counter/counter.go"
one_big="src/net/http/server.go"

# --- the machine ------------------------------------------------------------------------------
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
ram="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
load="$(cut -d' ' -f1 /proc/loadavg)"
if rev="$(git -C "$root" rev-parse --short HEAD 2> /dev/null)"; then
    git -C "$root" diff --quiet HEAD -- src Cargo.toml Cargo.lock || rev="$rev+uncommitted"
else
    rev="(not a git checkout)"
fi
machine="$(nproc) cores, ${cpu:-unknown CPU}, $ram RAM; gofix $rev ($("$gofix" --version)); $(go version | cut -d' ' -f3-); $(hyperfine --version)"
echo "machine: $machine; load average at start: $load"
if python3 -c "import sys; sys.exit(0 if float('$load') > $(nproc) / 2 else 1)"; then
    echo "warning: the machine is busy (load $load on $(nproc) cores); timings will be inflated" >&2
fi
echo

# --- the runs ---------------------------------------------------------------------------------
# bench ID LABEL GROUP RUNS COMMAND...: time COMMAND with hyperfine, its RSS with GNU time, and
# note the row in the manifest the summary reads. GROUP names the tree whose `gofmt -l` row is
# the ratio's denominator.
: > manifest
bench() {
    local id="$1" label="$2" group="$3" n="$4"
    shift 4
    local cmd
    cmd="$(printf '%q ' /usr/bin/time -v -a -o "$work/rss/$id.txt" "$@")"
    echo "== $label"
    hyperfine -N -i --warmup 1 --runs "$n" --command-name "$label" \
        --export-json "$work/json/$id.json" "$cmd" 2>&1 | grep -v '^ *Warning: Ignoring non-zero exit code' || true
    printf '%s\t%s\t%s\n' "$id" "$label" "$group" >> manifest
}

check=("$gofix" --isolated --select ALL "${no_cache[@]}")
bench gofmt_std "gofmt -l, stdlib" std "$runs" "$gofmt" -l src
bench check_std "gofix check (all rules), stdlib" std "$runs" "${check[@]}" src
bench dry_std "gofix --dry-run, stdlib" std "$runs" "${check[@]}" --dry-run src
bench t1_std "gofix --threads 1, stdlib" std "$runs" "${check[@]}" --threads 1 src
bench t2_std "gofix --threads 2, stdlib" std "$runs" "${check[@]}" --threads 2 src
bench gofmt_fx "gofmt -l, fixtures" fx "$fast_runs" "$gofmt" -l transforms
bench check_fx "gofix check (all rules), fixtures" fx "$fast_runs" "${check[@]}" transforms
bench dry_fx "gofix --dry-run, fixtures" fx "$fast_runs" "${check[@]}" --dry-run transforms
bench gofmt_one "gofmt -l, one file (fixture)" one "$fast_runs" "$gofmt" -l "$one_small"
bench check_one "gofix one file (fixture pkg)" one "$fast_runs" "${check[@]}" "$one_small"
bench gofmt_big "gofmt -l, one file (net/http)" big "$fast_runs" "$gofmt" -l "$one_big"
bench check_big "gofix one file (net/http pkg)" big "$fast_runs" "${check[@]}" "$one_big"
if [ ${#no_cache[@]} -gt 0 ]; then
    # Start from no cache wherever gofix keeps it inside the copies, fill it once, then time
    # runs that find every file unchanged.
    find . -name .gofix_cache -prune -exec rm -rf {} +
    "$gofix" --isolated --select ALL src > /dev/null 2>&1 || true
    bench warm_std "gofix check, warm cache, stdlib" std "$runs" "$gofix" --isolated --select ALL src
else
    echo "== warm cache row skipped: this gofix has no --no-cache flag (no cache yet)"
fi

# --- the table --------------------------------------------------------------------------------
echo
python3 - "$work" "$machine" "$load" "$(nproc)" << 'EOF'
import json, re, sys

work, machine, load_start, cores = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
load_end = float(open("/proc/loadavg").read().split()[0])
rows = [line.rstrip("\n").split("\t") for line in open(f"{work}/manifest")]
median, codes, rss = {}, {}, {}
for ident, _, _ in rows:
    result = json.load(open(f"{work}/json/{ident}.json"))["results"][0]
    median[ident] = result["median"]
    codes[ident] = sorted(set(result.get("exit_codes") or []))
    kib = [int(m) for m in re.findall(r"Maximum resident set size \(kbytes\): (\d+)",
                                        open(f"{work}/rss/{ident}.txt").read())]
    rss[ident] = max(kib) * 1024 / 1e6 if kib else None  # decimal MB, as the target says
gofmt_of = {group: ident for ident, _, group in rows if ident.startswith("gofmt_")}

def duration(s):
    return f"{s:.2f} s" if s >= 1 else f"{s * 1000:.1f} ms"

verdicts = []
def target(ok, text):
    verdicts.append(ok)
    return f"{text} {'pass' if ok else 'FAIL'}"

print(f"machine: {machine}")
print(f"load average (1 min): {load_start:.2f} at start, {load_end:.2f} at end"
      + (" (busy: other work shared the cores, timings are inflated)"
         if max(load_start, load_end) > cores / 2 else ""))
print(f"{'target':<34} {'median':>9} {'ratio vs gofmt -l':>18} {'peak RSS':>9}   issue targets")
notes = []
for ident, label, group in rows:
    ratio = median[ident] / median[gofmt_of[group]]
    checks = []
    if ident.startswith("check_std") or ident == "check_fx":
        checks.append(target(ratio <= 0.5, "≤0.5× gofmt -l:"))
    if ident.startswith("dry_"):
        checks.append(target(ratio <= 0.6, "≤0.6× gofmt -l:"))
    if ident in ("check_one", "check_big"):
        checks.append(target(median[ident] < 0.020, "<20 ms:"))
    if ident == "t2_std":
        speedup = median["t1_std"] / median["t2_std"]
        checks.append(target(speedup >= 1.7, f"speedup {speedup:.2f}× vs 1 thread, ≥1.7×:"))
    if ident == "warm_std":
        checks.append(target(ratio <= 0.1, "≤0.1× gofmt -l:"))
    if not ident.startswith("gofmt_") and rss[ident] is not None:
        checks.append(target(rss[ident] < 300, "RSS <300 MB:"))
    ratio_text = "—" if ident.startswith("gofmt_") else f"{ratio:.2f}×"
    rss_text = "?" if rss[ident] is None else f"{rss[ident]:.0f} MB"
    print(f"{label:<34} {duration(median[ident]):>9} {ratio_text:>18} {rss_text:>9}   "
          + "; ".join(checks))
    odd = [c for c in codes[ident] if c not in (0, 1)]
    if odd:
        notes.append(f"{label}: exited {', '.join(map(str, odd))} (timed anyway)")
if not any(ident == "warm_std" for ident, _, _ in rows):
    print(f"{'gofix check, warm cache, stdlib':<34} {'—':>9} {'—':>18} {'—':>9}   "
          "not measured: no --no-cache flag, so no cache yet")
print(f"\ntargets met: {sum(verdicts)} of {len(verdicts)}")
for note in notes:
    print(f"note: {note}")
EOF
