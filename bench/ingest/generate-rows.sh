#!/usr/bin/env bash
# Writes a CSV of N rows shaped like flights-200k (delay,distance,time), made by cycling through the
# real rows of SOURCE and shifting each pass's values, so the content is deterministic.
# Usage: generate-rows.sh N SOURCE.csv > out.csv
set -euo pipefail
rows=$1
source=$2
awk -F, -v rows="$rows" 'BEGIN { n = 0 } NR == 1 { header = $0; next } { d[n] = $1; k[n] = $2; t[n] = $3; n++ }
  END {
    print header
    for (i = 0; i < rows; i++) {
      j = i % n; pass = int(i / n)
      printf "%d,%d,%.2f\n", d[j] + pass % 7, k[j] + pass, t[j] + (pass % 24) / 100
    }
  }' "$source"
