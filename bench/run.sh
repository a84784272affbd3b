#!/usr/bin/env bash
# Benchmarks cm-lint against ripgrep on the same tree, side by side in one run:
#   - the whole bench corpus (../shared/bench-corpus): cm-lint --format json vs rg -c -i 'coach|mentor'
#   - a dense corpus (every paragraph mentions a practice), built deterministically from it
#   - linear growth: the dense corpus at 1x, 4x and 16x
#   - peak memory (/usr/bin/time -v) on the whole corpus
# Needs hyperfine, ripgrep and GNU time (`apt-get install -y hyperfine ripgrep time`).
#   - the adversarial inputs of issue #15 (bench/adversarial.py) at 1x, 4x and 16x
# Usage: bench/run.sh [CORPUS]   (prints Markdown tables; bench/README.md keeps the latest)
#        bench/run.sh --adversarial [BIN]   (only the adversarial inputs, with BIN or the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The adversarial inputs: each case at 1x, 4x and 16x, one file each, one thread. Wall times
# come from hyperfine; CPU time (user + system) is printed beside them because on a shared
# machine the wall time of a single-threaded run includes waiting for a core.
adversarial() {
  local bin="$1"
  python3 bench/adversarial.py "$work/adv" 1 4 16
  echo "## Adversarial inputs (issue #15): 1x / 4x / 16x, one file, one thread"
  echo
  echo "| case | sizes | 1x | 4x | 16x | 16x / 1x | MB/s at 16x (wall, CPU) |"
  echo "|---|---|---|---|---|---|---|"
  for case in no-sentence-end txt-lines minified suppressions programmes; do
    local files=("$work/adv/$case"-1x.* "$work/adv/$case"-4x.* "$work/adv/$case"-16x.*)
    hyperfine -N --warmup 1 --runs 5 --ignore-failure --export-json "$work/adv-$case.json" \
      -n 1x "$bin --format json ${files[0]}" \
      -n 4x "$bin --format json ${files[1]}" \
      -n 16x "$bin --format json ${files[2]}" >/dev/null 2>&1
    python3 - "$work/adv-$case.json" "$case" "${files[@]}" <<'PY'
import json, os, sys
results = json.load(open(sys.argv[1]))["results"]
case, files = sys.argv[2], sys.argv[3:]
sizes = [os.path.getsize(f) for f in files]
wall = [r["mean"] for r in results]
cpu = [r["user"] + r["system"] for r in results]
ms = lambda t: f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s"
mb = lambda n: f"{n / 1e6:.2f} MB" if n < 1e7 else f"{n / 1e6:.1f} MB"
print(f"| {case} | {mb(sizes[0])}, {mb(sizes[1])}, {mb(sizes[2])} | "
      + " | ".join(f"{ms(w)} (CPU {ms(c)})" for w, c in zip(wall, cpu))
      + f" | {wall[2] / wall[0]:.1f}x (CPU {cpu[2] / cpu[0]:.1f}x) | {sizes[2] / 1e6 / wall[2]:.1f}, {sizes[2] / 1e6 / cpu[2]:.1f} |")
PY
  done
  echo
}

if [[ "${1:-}" == "--adversarial" ]]; then
  bin="${2:-}"
  if [[ -z "$bin" ]]; then
    cargo build --release --quiet
    bin="$PWD/target/release/cm-lint"
  fi
  adversarial "$bin"
  exit 0
fi

corpus="${1:-../shared/bench-corpus}"
cargo build --release --quiet
bin="$PWD/target/release/cm-lint"

echo "## Machine"
echo
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); corpus: $(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)"
echo

# Mean of a hyperfine JSON export's command number $2, in seconds.
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$1" "$2"; }

echo "## Whole tree: cm-lint vs ripgrep"
echo
hyperfine -N --warmup 5 --runs 30 --ignore-failure --export-markdown "$work/tree.md" --export-json "$work/tree.json" \
  -n "rg -c -i 'coach|mentor'" "rg -c -i 'coach|mentor' $corpus" \
  -n "cm-lint --format json" "$bin --format json $corpus" >/dev/null
cat "$work/tree.md"
echo
python3 -c "import sys; print(f'cm-lint / rg: {float(sys.argv[2]) / float(sys.argv[1]):.2f}x (target: at most 2x)')" \
  "$(mean "$work/tree.json" 0)" "$(mean "$work/tree.json" 1)"
echo

# Where the time goes: the files that use the words and those that do not, each as a tree.
mkdir -p "$work/with" "$work/without"
(cd "$corpus" && rg -l -i 'coach|mentor|mentee|prot[eé]g[eé]' . | while read -r f; do mkdir -p "$work/with/$(dirname "$f")"; cp "$f" "$work/with/$f"; done)
(cd "$corpus" && rg -L --files-without-match -i 'coach|mentor|mentee|prot[eé]g[eé]' . | while read -r f; do mkdir -p "$work/without/$(dirname "$f")"; cp "$f" "$work/without/$f"; done)
echo "## The files that use the words ($(find "$work/with" -type f | wc -l) files, $(du -sm "$work/with" | cut -f1) MB) and those that do not ($(find "$work/without" -type f | wc -l) files, $(du -sm "$work/without" | cut -f1) MB)"
echo
hyperfine -N --warmup 3 --runs 20 --ignore-failure --export-markdown "$work/split.md" \
  -n "rg, with the words" "rg -c -i 'coach|mentor' $work/with" \
  -n "cm-lint, with the words" "$bin --format json $work/with" \
  -n "rg, without" "rg -c -i 'coach|mentor' $work/without" \
  -n "cm-lint, without" "$bin --format json $work/without" >/dev/null
cat "$work/split.md"
echo

# The dense corpus: every paragraph of the bench corpus that names a practice, and nothing else.
python3 - "$corpus" "$work/dense" <<'PY'
import os, re, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
word = re.compile(r"coach|mentor", re.I)
paragraphs = []
for root, _, files in sorted(os.walk(src)):
    for name in sorted(files):
        if name.endswith(".md"):
            text = open(os.path.join(root, name), encoding="utf-8", errors="replace").read()
            paragraphs += [p for p in text.split("\n\n") if word.search(p)]
chunk, size, index = [], 0, 0
for p in paragraphs:
    chunk.append(p); size += len(p)
    if size > 50_000:
        open(os.path.join(out, f"dense-{index:04}.md"), "w").write("\n\n".join(chunk)); chunk, size, index = [], 0, index + 1
if chunk:
    open(os.path.join(out, f"dense-{index:04}.md"), "w").write("\n\n".join(chunk))
PY
for n in 4 16; do
  mkdir -p "$work/dense-$n"
  for i in $(seq 1 "$n"); do cp -r "$work/dense" "$work/dense-$n/copy-$i"; done
done
dense_mb=$(du -sm "$work/dense" | cut -f1)
echo "## Dense corpus (${dense_mb} MB, every paragraph names a practice), 1x / 4x / 16x, one thread"
echo
hyperfine --warmup 1 --runs 5 --ignore-failure --export-markdown "$work/dense.md" --export-json "$work/dense.json" \
  -n "1x" "RAYON_NUM_THREADS=1 $bin --format json $work/dense" \
  -n "4x" "RAYON_NUM_THREADS=1 $bin --format json $work/dense-4" \
  -n "16x" "RAYON_NUM_THREADS=1 $bin --format json $work/dense-16" >/dev/null
cat "$work/dense.md"
echo
dense_bytes=$(du -sb "$work/dense" | cut -f1)
python3 - "$dense_bytes" "$(mean "$work/dense.json" 0)" "$(mean "$work/dense.json" 1)" "$(mean "$work/dense.json" 2)" <<'PY'
import sys
size, t1, t4, t16 = int(sys.argv[1]) / 1e6, *map(float, sys.argv[2:])
print(f"One thread: {size:.2f} MB in {t1 * 1000:.0f} ms ({size / t1:.1f} MB/s), "
      f"{4 * size:.1f} MB in {t4 * 1000:.0f} ms ({4 * size / t4:.1f} MB/s), "
      f"{16 * size:.1f} MB in {t16 * 1000:.0f} ms ({16 * size / t16:.1f} MB/s); "
      f"without start-up (16x less 1x): {15 * size / (t16 - t1):.1f} MB/s. Target: at least 30 MB/s per core.")
PY
echo

echo "## Scaling with cores (dense corpus 16x)"
echo
hyperfine --warmup 1 --runs 5 --ignore-failure --export-markdown "$work/cores.md" \
  -n "1 thread" "RAYON_NUM_THREADS=1 $bin --format json $work/dense-16" \
  -n "$(nproc) threads" "$bin --format json $work/dense-16" >/dev/null
cat "$work/cores.md"
echo

echo "## Shards: --shard 1/2 and 2/2 each take about half"
echo
hyperfine --warmup 1 --runs 5 --ignore-failure --export-markdown "$work/shards.md" \
  -n "full" "$bin --format json $work/dense-16" \
  -n "shard 1 of 2" "$bin --format json --shard 1/2 $work/dense-16" \
  -n "shard 2 of 2" "$bin --format json --shard 2/2 $work/dense-16" >/dev/null
cat "$work/shards.md"
echo

peak() { awk -F: '/Maximum resident/ {gsub(/ /,"",$2); printf "%.1f MB", $2/1024}' "$1"; }
echo "## Peak memory"
echo
/usr/bin/time -v "$bin" --format json "$corpus" 2>"$work/time.txt" >/dev/null || true
echo "- whole tree: cm-lint $(peak "$work/time.txt")"
/usr/bin/time -v rg -c -i 'coach|mentor' "$corpus" 2>"$work/rg.txt" >/dev/null || true
echo "- whole tree: rg $(peak "$work/rg.txt")"
/usr/bin/time -v "$bin" --format json "$work/dense" 2>"$work/d1.txt" >/dev/null || true
/usr/bin/time -v "$bin" --format json "$work/dense-16" 2>"$work/d16.txt" >/dev/null || true
echo "- dense 1x ($(du -sh "$work/dense" | cut -f1), largest file $(ls -S "$work/dense" | head -1 | xargs -I{} du -h "$work/dense/{}" | cut -f1)): $(peak "$work/d1.txt"); dense 16x (same largest file): $(peak "$work/d16.txt")"
python3 -c "import sys; open(sys.argv[1],'w').write(('Plain prose about budgets and travel. ' * 25 + '\\n\\n') * 60000 + 'Your coach/mentor will call.\\n')" "$work/big.md"
/usr/bin/time -v "$bin" --format json "$work/big.md" 2>"$work/big.txt" >/dev/null || true
echo "- one $(du -h "$work/big.md" | cut -f1) file: $(peak "$work/big.txt")"
echo
adversarial "$bin"

echo "## Language server: re-lint after one keystroke in a 100 KB document"
echo
cargo bench --quiet -p cm-lsp --bench relint 2>/dev/null | tail -1
cargo bench --quiet -p cm-lsp --bench relint -- --dense 2>/dev/null | tail -1
echo
echo "## Engine micro-benchmarks (divan)"
echo
echo '```'
cargo bench --quiet -p cm-linter --bench engine 2>/dev/null | tail -7
echo '```'
