#!/usr/bin/env bash
# Throughput benchmark of the release binary on a ~100 MB corpus of real-world manifests.
#
# usage: scripts/bench.sh [--reps N] [--mb MB] [--no-threads1] [CORPUS...]   (default corpus: k8s)
#
# For each corpus it builds once (cached in .bench/, gitignored) .bench/corpus/NAME: N copies of the
# corpus's source folders under the shared folder, N chosen so the total is about --mb MB (100),
# made a project by an akslint.toml with `root = true` at its top (its cache goes there).
# Then it runs, each in its own process under /usr/bin/time -v, --reps times (3), and takes the
# median wall time (the best one is shown too: this machine is often shared):
#   full          akslint check --no-cache --format json --fail-on never DIR > /dev/null
#   parse-only    akslint check --parse-only --fail-on never DIR   (discovery, reads, parsing; no rules)
#   no context    the full run with --no-context: no cross-file index or rules (what they cost)
#   full, 1 thr.  the full run with --threads 1 (skipped with --no-threads1)
#   cache cold    the full run with the cache, none there (removed before each run): it is written
#   cache warm    the same again over the unchanged tree: every file from the cache
#   warm, 1 file  one file named (FILE: the first .yaml of copy-01), the whole project as context,
#                 every file from the cache: what pre-commit and editors run
#   1 file edited the same, the named file changed before each run (a line appended; restored after)
# and prints files, MB, files/s, MB/s, peak RSS (and its multiple of the bytes read), CPU use
# ((user+sys)/wall: about 2.0 when both cores are busy), the ratio full / parse-only and the cache's
# figures against issue 8's targets (a warm re-run at least 3x faster than a cold one, a warm
# one-file run under 300 ms); then, for each corpus, the peak RSS of its front end (k8s:
# Kubernetes, terraform: Terraform) on the full run, in MB and × the bytes read, and all of them
# again at the end (`memory per front end`).
#
# Environment: AKSLINT_SHARED  the shared folder (default: ../shared from the repository root).
# Needs /usr/bin/time (Debian package `time`). Uses target/release/akslint (or $CARGO_TARGET_DIR).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# --- Corpora: NAME -> source folders, relative to the shared folder. Add one case to add a corpus
# and name it on the command line (`scripts/bench.sh --mb 20 terraform`).
corpus_sources() {
  case "$1" in
    k8s) echo "corpus/k8s corpus/helm-rendered" ;;
    terraform) echo "corpus/terraform" ;;   # use with --mb 20 (issue 4: ~20 MB)
    *) return 1 ;;
  esac
}

# The front end a corpus exercises, for the memory summary.
corpus_front_end() {
  case "$1" in
    k8s) echo "Kubernetes" ;;
    terraform) echo "Terraform" ;;
  esac
}

reps=3
target_mb=100
threads1=1
corpora=()
while (($#)); do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --mb) target_mb=$2; shift 2 ;;
    --no-threads1) threads1=0; shift ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench: unknown option $1" >&2; exit 2 ;;
    *) corpus_sources "$1" >/dev/null || { echo "bench: unknown corpus $1" >&2; exit 2; }
       corpora+=("$1"); shift ;;
  esac
done
((${#corpora[@]})) || corpora=(k8s)
[[ $reps =~ ^[1-9][0-9]*$ && $target_mb =~ ^[1-9][0-9]*$ ]] || { echo "bench: bad --reps/--mb" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

shared=${AKSLINT_SHARED:-$root/../shared}
[[ -d $shared ]] || { echo "bench: shared folder $shared not found (set AKSLINT_SHARED)" >&2; exit 2; }
shared=$(cd "$shared" && pwd)

# --- Build ----------------------------------------------------------------------------------------
echo "== building release binary"
cargo build --release --quiet --bin akslint
bin="${CARGO_TARGET_DIR:-$root/target}/release/akslint"
[[ $bin == /* ]] || bin="$root/$bin"
echo "   $("$bin" --version 2>/dev/null || echo "$bin") on $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"
work=$(mktemp -d)
one_file=""
# The file the edited runs change is put back, whatever stops the script.
cleanup() {
  if [[ -n $one_file && -f $work/edited.orig ]]; then cp "$work/edited.orig" "$one_file"; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/empty"
# Does this akslint accept FLAG (e.g. --parse-only, hidden from --help)? Try it on an empty folder.
has_flag() { "$bin" check "$@" --fail-on never "$work/empty" >/dev/null 2>&1; }

# --- Corpus: build once, cached ---------------------------------------------------------------------
# Sets corpus_dir, corpus_files, corpus_bytes, corpus_desc.
prepare_corpus() {
  local name=$1 src srcs=() bytes=0 files=0 n stamp want
  for src in $(corpus_sources "$name"); do
    [[ -d $shared/$src ]] || { echo "bench: $shared/$src not found" >&2; exit 2; }
    srcs+=("$shared/$src")
  done
  bytes=$(find "${srcs[@]}" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  ((bytes > 0)) || { echo "bench: corpus $name is empty" >&2; exit 2; }
  n=$(awk -v t="$target_mb" -v b="$bytes" 'BEGIN {n = int((t * 1e6 + b - 1) / b); print (n < 1 ? 1 : n)}')
  corpus_dir=".bench/corpus/$name"
  stamp=".bench/$name.stamp"
  want="sources=${srcs[*]} bytes=$bytes copies=$n"
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" || ! -d $corpus_dir ]]; then
    echo "== building corpus $corpus_dir: $n copies of $(corpus_sources "$name") ($(mb "$bytes") MB each)"
    rm -rf "$corpus_dir" "$stamp"
    local i
    for ((i = 1; i <= n; i++)); do
      local dest
      dest=$(printf '%s/copy-%02d' "$corpus_dir" "$i")
      mkdir -p "$dest"
      for src in "${srcs[@]}"; do cp -R "$src" "$dest/"; done
    done
    echo "$want" >"$stamp"
  fi
  # A project of its own: the cross-file context and the cache are the corpus's, not the
  # repository's around it.
  [[ -f $corpus_dir/akslint.toml ]] || echo "root = true" >"$corpus_dir/akslint.toml"
  # Files as akslint discovers them: hidden files and folders are skipped by its walk.
  files=$(find "$corpus_dir" -name '.*' -prune -o -type f -print | wc -l)
  corpus_bytes=$(find "$corpus_dir" -name '.*' -prune -o -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  corpus_files=$files
  corpus_desc="$n copies of $(corpus_sources "$name" | sed 's/ / + /g') from $shared"
}

mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1e6}'; }

# --- Measurement ----------------------------------------------------------------------------------
# measure LABEL CMD... : runs CMD $reps times; appends "label wall user sys rss_kb" (median run,
# max RSS) to $work/results. Stdout goes to /dev/null; a non-zero exit aborts with its stderr.
# When $before_each names a command, it runs (untimed) before each run, with the run's number.
before_each=""
measure() {
  local label=$1; shift
  local i walls=() line
  : >"$work/runs"
  for ((i = 1; i <= reps; i++)); do
    [[ -z $before_each ]] || "$before_each" "$i"
    local rc=0
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || rc=$?
    if ((rc != 0)); then
      echo "bench: '$*' exited $rc:" >&2
      tail -n 20 "$work/stderr" >&2
      tail -n 5 "$work/time" >&2
      exit 1
    fi
    awk -F': ' '
      /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (j = 1; j <= n; j++) w = w * 60 + p[j] }
      /User time \(seconds\)/ { u = $2 }
      /System time \(seconds\)/ { s = $2 }
      /Maximum resident set size/ { r = $2 }
      END { printf "%.3f %.2f %.2f %d\n", w, u, s, r }' "$work/time" >>"$work/runs"
    printf '.'
  done
  # median by wall time; peak RSS over all runs
  line=$(sort -n -k1,1 "$work/runs" | awk -v m=$(((reps + 1) / 2)) 'NR == m')
  local rss
  rss=$(awk 'BEGIN {m = 0} $4 > m {m = $4} END {print m}' "$work/runs")
  local best
  best=$(sort -n -k1,1 "$work/runs" | awk 'NR == 1 {print $1}')
  echo "$label $(cut -d' ' -f1-3 <<<"$line") $rss $best" >>"$work/results"
}

print_results() {
  local files=$1 bytes=$2
  printf '   %-22s %8s %8s %10s %8s %12s %8s %10s\n' "" "wall s" "best s" "files/s" "MB/s" "peak RSS MB" "× read" "CPU cores"
  awk -v f="$files" -v b="$bytes" '{
    label = $1; gsub("_", " ", label)
    wall = $2; w = (wall > 0.01 ? wall : 0.01)  # time -v has 10 ms resolution
    printf "   %-22s %8.2f %8.2f %10.0f %8.1f %12.0f %8.1f %10.2f\n", label, wall, $6, f / w, b / 1e6 / w, $5 / 1024, $5 * 1024 / b, ($3 + $4) / w
    walls[$1] = wall
  } END {
    if (("full" in walls) && ("parse-only" in walls) && walls["parse-only"] > 0)
      printf "   ratio full / parse-only (median walls): %.2f\n", walls["full"] / walls["parse-only"]
    if (("full" in walls) && ("full_--no-context" in walls) && walls["full_--no-context"] > 0)
      printf "   ratio full / --no-context (the cross-file index and rules): %.2f\n", walls["full"] / walls["full_--no-context"]
    if (("full" in walls) && ("full_--threads_1" in walls) && walls["full"] > 0)
      printf "   speed-up full vs --threads 1: %.2fx\n", walls["full_--threads_1"] / walls["full"]
    if (("cache_cold" in walls) && ("cache_warm" in walls) && walls["cache_warm"] > 0)
      printf "   speed-up of the cache, warm re-run vs cold: %.2fx (target: at least 3x)\n", walls["cache_cold"] / walls["cache_warm"]
    if ("warm,_1_file" in walls)
      printf "   warm one-file run with the whole project as context: %.0f ms (target: under 300 ms)\n", walls["warm,_1_file"] * 1000
  }' "$work/results"
}

# The cache runs' helpers: the cache removed (a cold run), the named file edited (appended a
# comment naming the run, so each run sees a change).
clear_cache() { rm -rf "$corpus_dir/.akslint_cache"; }
edit_file() { cp "$work/edited.orig" "$one_file"; echo "# bench edit $1" >>"$one_file"; }
# The memory of each front end (full run), printed again at the end.
: >"$work/memory"
# memory_line NAME BYTES: "Terraform front end: peak RSS 127 MB for 20.3 MB read (6.2×), ..."
memory_line() {
  local name=$1 bytes=$2
  awk -v fe="$(corpus_front_end "$name")" -v b="$bytes" '$1 == "full" {
    printf "%s front end: peak RSS %.0f MB for %.1f MB read (%.1f×), full run, wall %.2f s\n", fe, $5 / 1024, b / 1e6, $5 * 1024 / b, $2
  }' "$work/results"
}

for name in "${corpora[@]}"; do
  prepare_corpus "$name"
  echo "== corpus $name: $corpus_files files, $(mb "$corpus_bytes") MB ($corpus_desc)"
  echo "   median of $reps runs each; CPU cores = (user+sys)/wall, $(nproc) at most"
  : >"$work/results"
  # The runs before the cache's measure it off (with an akslint that has one).
  no_cache=()
  if has_flag --no-cache; then no_cache=(--no-cache); fi
  # Warm-up run (untimed): fills the page cache, and its JSON summary tells how many files and
  # objects akslint linted (a .json that is not a manifest, chart templates... are not counted).
  "$bin" check "${no_cache[@]}" --format json --fail-on never "$corpus_dir" >"$work/warmup.json" 2>/dev/null || true
  summary=$(python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(s["files"], s["objects"], sum(s["by_severity"].values()))' "$work/warmup.json" 2>/dev/null || true)
  if [[ -n $summary ]]; then
    read -r linted objects findings <<<"$summary"
    echo "   akslint lints $linted of them: $objects objects, $findings findings; files/s counts these"
    corpus_files=$linted
  fi
  printf '   running'
  measure full "$bin" check "${no_cache[@]}" --format json --fail-on never "$corpus_dir"
  if has_flag --parse-only; then
    measure parse-only "$bin" check --parse-only --fail-on never "$corpus_dir"
  else
    skipped_parse=1
  fi
  if has_flag --no-context; then
    measure "full_--no-context" "$bin" check "${no_cache[@]}" --format json --fail-on never --no-context "$corpus_dir"
  fi
  if ((threads1)); then
    if has_flag --threads 1; then
      measure "full_--threads_1" "$bin" check "${no_cache[@]}" --format json --fail-on never --threads 1 "$corpus_dir"
    else
      skipped_threads=1
    fi
  fi
  one_file=""
  if ((${#no_cache[@]})) && [[ $(corpus_front_end "$name") == Kubernetes ]]; then
    full=("$bin" check --format json --fail-on never "$corpus_dir")
    before_each=clear_cache measure "cache_cold" "${full[@]}"
    # Untimed: the cache is written whole, and every entry is old enough to trust its stat.
    "${full[@]}" >/dev/null 2>&1 || true
    measure "cache_warm" "${full[@]}"
    one_file=$(find "$corpus_dir/copy-01" -name '*.yaml' | LC_ALL=C sort | awk 'NR == 1')
    measure "warm,_1_file" "$bin" check --format json --fail-on never "$one_file"
    cp "$one_file" "$work/edited.orig"
    before_each=edit_file measure "1_file_edited" "$bin" check --format json --fail-on never "$one_file"
    cp "$work/edited.orig" "$one_file"
    rm "$work/edited.orig"
  elif ((${#no_cache[@]})); then
    skipped_cache="the cache keeps YAML/JSON files only"
  else
    skipped_cache="this akslint has no cache"
  fi
  echo
  print_results "$corpus_files" "$corpus_bytes"
  [[ -z ${one_file:-} ]] || echo "   (FILE: $one_file)"
  [[ -z ${skipped_parse:-} ]] || echo "   (parse-only skipped: this akslint has no --parse-only)"
  [[ -z ${skipped_threads:-} ]] || echo "   (--threads 1 skipped: this akslint has no --threads)"
  [[ -z ${skipped_cache:-} ]] || echo "   (cache runs skipped: $skipped_cache)"
  memory=$(memory_line "$name" "$corpus_bytes")
  echo "   $memory"
  echo "$memory" >>"$work/memory"
done
echo "== memory per front end (peak RSS of the full run; × = peak RSS / bytes read)"
sed 's/^/   /' "$work/memory"
