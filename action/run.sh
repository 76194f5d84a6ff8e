#!/usr/bin/env bash
# The action's work, as plain shell (so that it runs, and is tested, outside GitHub too):
# pgdrift check as markdown into $PGDRIFT_OUT/pgdrift-report.md, the lint of $PGDRIFT_LINT as SARIF into
# $PGDRIFT_OUT/pgdrift.sarif (and its text in the report), and the worst exit code in $GITHUB_OUTPUT.
set -uo pipefail
pgdrift=(node "${GITHUB_ACTION_PATH:?}/bin/pgdrift.js")
config=()
[ -n "${PGDRIFT_CONFIG:-}" ] && config=(--config "$PGDRIFT_CONFIG")
out="${PGDRIFT_OUT:?}"
report="$out/pgdrift-report.md"
fail_on="${PGDRIFT_FAIL_ON:-error}"

{
  echo '<!-- pgdrift -->'
  echo '## pgdrift'
  echo
} > "$report"
"${pgdrift[@]}" check "${config[@]}" --format markdown --fail-on "$fail_on" >> "$report" 2> "$out/check.err"
code=$?
if [ -s "$out/check.err" ]; then
  { echo; echo '```'; cat "$out/check.err"; echo '```'; } >> "$report"
fi
if [ -n "${PGDRIFT_LINT:-}" ]; then
  "${pgdrift[@]}" lint "$PGDRIFT_LINT" "${config[@]}" --format sarif --fail-on "$fail_on" > "$out/pgdrift.sarif" 2>> "$out/check.err"
  lint=$?
  { echo; echo "### pgdrift lint $PGDRIFT_LINT"; echo; echo '```'; "${pgdrift[@]}" lint "$PGDRIFT_LINT" "${config[@]}" 2>&1; echo '```'; } >> "$report"
  [ "$lint" -gt "$code" ] && code=$lint
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
cat "$report"
exit 0
