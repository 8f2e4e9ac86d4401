#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/) for as long as asked, and prints executions and crashes per target.
#
#   scripts/fuzz.sh                      every target, 60 s each
#   scripts/fuzz.sh -t 600 terraform     one target, 10 minutes
#   scripts/fuzz.sh -n 1000000           every target, a million executions each (no time limit)
#   scripts/fuzz.sh --seed               only (re)seed the corpora, run nothing
#   scripts/fuzz.sh --build              only seed and build, run nothing
#
# Options: -t/--time SECONDS per target; -n/--runs EXECUTIONS per target (with -t: whichever comes
# first); -j/--jobs N parallel fuzzing processes per target (default 1; the machine has 2 cores);
# --record appends each target's figures to fuzz/history.tsv (commit it: the issue counts
# executions over its life) with the commit its binary was built from (`+`: with changes not
# committed; `?`: built outside this script); --no-build uses the binaries as built. Environment:
# FUZZ_SANITIZER (default none: the library forbids unsafe code; `address` checks the unsafe code
# of its dependencies, at about half the speed), AKSLINT_SHARED (the shared folder, default ../shared).
#
# Needs the nightly toolchain and cargo-fuzz (scripts/install-tools.sh installs cargo-fuzz into
# .tools/cargo). Bounds: no input may take over 2 s (-timeout) or 512 MB (-rss_limit_mb); inputs
# are at most 16 KiB (-max_len: a 64 KiB limit made the manifest target 1.5x slower per execution,
# and the costs of size are the directed tests' business: tests/limits.rs). Corpora live in fuzz/corpus/<target>/ (gitignored), seeded from
# testdata/, the shared corpus and fuzz/regressions/. Every input that fails (crash, panic, timeout,
# out of memory) is copied to fuzz/regressions/<target>/ — commit it: tests/fuzz_regressions.rs
# replays them all under a plain `cargo test`. A target stops at its first failure (fix it, then
# run again); the script exits 1 if any target failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fuzz="$root/fuzz"
shared=${AKSLINT_SHARED:-$root/../shared}
sanitizer=${FUZZ_SANITIZER:-none}
all_targets=(manifest terraform suppress)
max_len=16384
timeout_s=2
rss_mb=512

time_s=""
runs=""
jobs=1
record=0
build=1
seed_only=0
build_only=0
targets=()
usage() { sed -n '2,/^[^#]/{/^#/p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
while (($#)); do
  case $1 in
    -t | --time) time_s=$2; shift 2 ;;
    -n | --runs) runs=$2; shift 2 ;;
    -j | --jobs) jobs=$2; shift 2 ;;
    --record) record=1; shift ;;
    --no-build) build=0; shift ;;
    --seed) seed_only=1; shift ;;
    --build) build_only=1; shift ;;
    -h | --help) usage ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; usage ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz.sh: no target $t (${all_targets[*]})" >&2; exit 2; }
done
[[ -n $time_s || -n $runs ]] || time_s=60

log() { printf 'fuzz.sh: %s\n' "$*"; }

# --- Seeds: testdata/ (our fixtures), the shared corpus (beside the repo, never copied into it) and
# every input that ever failed. Named by content hash, as libFuzzer names what it adds, so seeding
# twice adds nothing.
seed() {
  local t=$1 dir="$fuzz/corpus/$1" n=0 f
  mkdir -p "$dir"
  local -a sources=("$root/testdata")
  [[ -d $shared/corpus ]] && sources+=("$shared/corpus")
  local pattern
  case $t in
    manifest) pattern='.*\.\(yaml\|yml\|json\)' ;;
    terraform) pattern='.*\.\(tf\|tfvars\)\|.*/tf/plan/.*\.json' ;;
    suppress) pattern='.*\.\(yaml\|yml\|json\|tf\|tfvars\)' ;;
  esac
  while IFS= read -r -d '' f; do
    # The suppression target: our fixtures, and the corpus files that hold a directive.
    if [[ $t == suppress && $f != "$root/testdata/"* ]] && ! grep -q 'akslint-ignore' "$f"; then
      continue
    fi
    cp -n "$f" "$dir/$(sha1sum <"$f" | cut -c1-40)" && n=$((n + 1))
  done < <(find "${sources[@]}" -type f -regex "$pattern" -size -$((max_len / 1024))k -print0)
  for f in "$fuzz/regressions/$t"/*; do
    [[ -f $f ]] && cp -n "$f" "$dir/$(sha1sum <"$f" | cut -c1-40)"
  done
  log "$t: $(find "$dir" -type f | wc -l) inputs in fuzz/corpus/$t"
}

for t in "${targets[@]}"; do seed "$t"; done
((seed_only)) && exit 0

# --- Build ------------------------------------------------------------------------------------------
export PATH="$root/.tools/cargo/bin:$PATH"
bin_dir="$fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"
# The commit the code on disk is at; `+` when it differs from it.
head_commit() {
  local c
  c=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
  git diff --quiet HEAD -- src fuzz/checks.rs fuzz/fuzz_targets Cargo.toml Cargo.lock 2>/dev/null || c+=+
  echo "$c"
}
if ((build)); then
  command -v cargo-fuzz >/dev/null || { echo "fuzz.sh: cargo-fuzz not found: run scripts/install-tools.sh" >&2; exit 1; }
  rustup run nightly rustc --version >/dev/null 2>&1 ||
    { echo "fuzz.sh: the nightly toolchain is missing (rustup toolchain install nightly)" >&2; exit 1; }
  t0=$SECONDS
  # Release with debug assertions and overflow checks (cargo fuzz's default), no sanitizer unless asked.
  one=()
  ((${#targets[@]} == 1)) && one=("${targets[0]}")
  from=$(head_commit) # taken before the build: the code it compiles
  (cd "$fuzz" && nice cargo +nightly fuzz build -s "$sanitizer" "${one[@]}")
  # Each binary's commit, for --record; a binary built since (outside this script) makes it stale.
  for t in "${one[@]:-${all_targets[@]}}"; do echo "$from" >"$bin_dir/$t.built-from"; done
  log "built in $((SECONDS - t0)) s ($(rustup run nightly rustc --version), sanitizer $sanitizer)"
fi
((build_only)) && exit 0

# --- Run --------------------------------------------------------------------------------------------
summary=()
failed=0
for t in "${targets[@]}"; do
  # The commit the binary was built from (`?`: built outside this script, so not known).
  stamp="$bin_dir/$t.built-from"
  commit='?'
  [[ $stamp -nt $bin_dir/$t ]] && commit=$(<"$stamp")
  art="$fuzz/artifacts/$t"
  mkdir -p "$art" "$fuzz/regressions/$t"
  # A directory of this run's own: another run of the target (CI's short one) neither removes
  # nor adds to the logs the executions are counted from. Removed when the target passed.
  logdir=$(mktemp -d "$fuzz/artifacts/$t-logs.XXXXXX")
  before=$(find "$art" -type f | sort)
  args=(-timeout="$timeout_s" -rss_limit_mb="$rss_mb" -max_len="$max_len" -dict="$fuzz/dict/$t.dict"
    -artifact_prefix="$art/" -print_final_stats=1)
  [[ -n $time_s ]] && args+=(-max_total_time="$time_s")
  [[ -n $runs ]] && args+=(-runs="$runs")
  log "$t: ${time_s:+$time_s s}${time_s:+${runs:+ or }}${runs:+$runs executions}, $jobs job(s)"
  t0=$SECONDS
  rc=0
  pids=()
  for ((j = 0; j < jobs; j++)); do
    nice "$bin_dir/$t" "${args[@]}" "$fuzz/corpus/$t" >"$logdir/$j.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=$?; done
  secs=$((SECONDS - t0))
  execs=0
  for f in "$logdir"/*.log; do
    # The final stats when libFuzzer printed them; else the last status line (#N ...).
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$f" | tail -n1)
    [[ -n $n ]] || n=$(grep -oE '^#[0-9]+' "$f" | tail -n1 | tr -d '#')
    execs=$((execs + ${n:-0}))
  done
  new=$(comm -13 <(echo "$before") <(find "$art" -type f | sort) | grep -E '/(crash|timeout|oom|leak)-' || true)
  crashes=0
  if [[ -n $new ]]; then
    while IFS= read -r f; do
      cp "$f" "$fuzz/regressions/$t/"
      crashes=$((crashes + 1))
      log "$t: FAILED on $(basename "$f") (kept as fuzz/regressions/$t/$(basename "$f")); the log:"
      grep -hE -A12 'panicked|ERROR: libFuzzer|SUMMARY' "$logdir"/*.log | head -40 | sed 's/^/    /'
      # Where the kept copy is lost with its machine (CI), the log carries the input.
      if (($(stat -c %s "$f") <= 16384)); then
        log "$t: the input, base64 (\`base64 -d >fuzz/regressions/$t/$(basename "$f")\`):"
        base64 -w 100 "$f" | sed 's/^/    /'
      fi
    done <<<"$new"
  elif ((rc != 0)); then
    log "$t: exit $rc without an artifact; the log:"
    tail -n 30 "$logdir"/*.log | sed 's/^/    /'
    crashes=1
  fi
  if ((crashes == 0)); then rm -rf "$logdir"; else failed=1; log "$t: the logs are in $logdir"; fi
  corpus=$(find "$fuzz/corpus/$t" -type f | wc -l)
  summary+=("$(printf '%-10s %8s %12s %9s %8s %8s' "$t" "$secs" "$execs" "$((execs / (secs > 0 ? secs : 1)))" "$corpus" "$crashes")")
  if ((record)); then
    [[ -f $fuzz/history.tsv ]] ||
      printf 'date\tcommit\ttarget\tseconds\texecutions\tcrashes\tsanitizer\n' >"$fuzz/history.tsv"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" \
      "$commit" "$t" "$secs" "$execs" "$crashes" \
      "$sanitizer" >>"$fuzz/history.tsv"
  fi
done

echo
printf '%-10s %8s %12s %9s %8s %8s\n' target seconds executions exec/s corpus crashes
printf '%s\n' "${summary[@]}"
if [[ -f $fuzz/history.tsv ]]; then
  echo
  echo "recorded in fuzz/history.tsv, over all runs:"
  awk -F'\t' 'NR > 1 { e[$3] += $5; c[$3] += $6 } END { for (t in e) printf "  %-10s %12d executions, %d crashes\n", t, e[t], c[t] }' \
    "$fuzz/history.tsv" | sort
fi
exit "$failed"
