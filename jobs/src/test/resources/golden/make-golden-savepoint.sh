#!/usr/bin/env bash
# Makes the golden run folder of GoldenSavepointITCase: a small quadratic run stopped with Ctrl-C
# (stop-with-savepoint), as a user's run of this popflow would be. Run once per state format, from
# the repository root, and commit the folder; an existing folder is never remade.
#   bash jobs/src/test/resources/golden/make-golden-savepoint.sh run-format-1
set -euo pipefail
name="${1:?name of the folder to make, e.g. run-format-1}"
target="jobs/src/test/resources/golden/$name"
[[ ! -e "$target" ]] || { echo "$target exists: golden folders are never remade" >&2; exit 1; }
work="$(mktemp -d)"
bin/popflow train --preset quadratic --generations 0 --parallelism 2 --checkpoint-interval 1s --quiet \
  --set population=4 --set quadratic.dimension=3 --set perturbation_interval=20000 --set chunk_steps=100 \
  --output "$work/run" &
pid=$!
until [[ -f "$work/run/generations.jsonl" ]] && (( $(head -n 20 "$work/run/generations.jsonl" | wc -l) >= 20 )); do sleep 0.05; done
# TERM, not INT: a shell script's background jobs ignore SIGINT
kill -TERM "$pid"
wait "$pid"
rm -rf "$work/run/checkpoints" "$work/run/summary.json" "$work/run/final-agents.jsonl"
mv "$work/run" "$target"
echo "made $target: $(wc -l < "$target/generations.jsonl") generations, savepoint $(ls "$target/savepoints")"
