#!/usr/bin/env bash
# Runs the browser suite (Playwright) as if the office's clock read HH:MM today: every process of the run (the
# specs, the sync servers they start, Chromium) reads a clock moved by the same offset, which then runs on as the
# real one does. The demo plays its day by the hour and the specs book visits by the hour, so a CI run in the
# office's evening or night can meet what a daytime run never does; this finds it before CI does.
#
#   scripts/e2e-at.sh 23:50                      # the whole suite, across the office's midnight
#   scripts/e2e-at.sh 06:30 tests/e2e/board.spec.ts
#
# Needs libfaketime (Debian: apt-get install faketime) and a build (`npm run build`). The office's zone is the
# demo's, America/Chicago; DISPATCH_E2E_ZONE picks another. A time already past today means earlier today.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || ! "$1" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]]; then
  echo "usage: scripts/e2e-at.sh HH:MM [playwright test arguments]" >&2
  exit 2
fi
at="$1"
shift

library=""
for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 \
  /usr/lib/faketime/libfaketime.so.1; do
  if [[ -f "$candidate" ]]; then library="$candidate" && break; fi
done
if [[ -z "$library" ]]; then
  echo "libfaketime is missing: apt-get install faketime" >&2
  exit 2
fi

zone="${DISPATCH_E2E_ZONE:-America/Chicago}"
target="$(TZ="$zone" date -d "today $at" +%s)"
offset=$((target - $(date +%s)))
echo "running the browser suite at $at $zone ($(TZ="$zone" date -d "@$target" '+%a %b %-d'), clock offset ${offset}s)" >&2
# A relative offset in seconds ("+15000", "-3600"): the clock runs on at the real pace from there.
sign="+"
if ((offset < 0)); then sign=""; fi
export FAKETIME="${sign}${offset}"
LD_PRELOAD="$library" exec npx playwright test "$@"
