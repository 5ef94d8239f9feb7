#!/usr/bin/env bash
# Run the atheris harness for a total time, restarting it after each crash so that one run
# collects every crash.  Usage: fuzz/run.sh SECONDS WORKDIR [SEED_DIR...]
# Needs atheris (pip install -e '.[fuzz]').  Crash inputs land in WORKDIR/artifacts/, the
# growing corpus in WORKDIR/corpus/, one log per restart in WORKDIR/logs/.
set -uo pipefail
total=${1:?seconds}; work=${2:?workdir}; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python}"
mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"
deadline=$(( $(date +%s) + total ))
n=0
while :; do
    left=$(( deadline - $(date +%s) ))
    (( left > 5 )) || break
    n=$((n + 1))
    "$python" "$here/fuzz_parse.py" -max_total_time="$left" -timeout=20 -rss_limit_mb=3072 \
        -max_len=65536 -dict="$here/cable.dict" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" "$work/corpus" "$@" >"$work/logs/run$n.log" 2>&1
done
execs=$(grep -h 'stat::number_of_executed_units' "$work"/logs/*.log | awk '{s += $2} END {print s + 0}')
echo "restarts: $n  executions: $execs  artifacts: $(ls "$work/artifacts" | wc -l)"
