#!/usr/bin/env bash
# The Windows build's tests that need no terminal, run under Wine (Debian's
# wine64): model, engine, store, import, export and review data. Called by
# .ci/run after the mingw-w64 and wine64 packages are installed; runnable by
# hand the same way (`bash .ci/wine/run-tests.sh`).
#
# Not run here, and why:
# - e2e, structure_e2e, review_sendback_e2e: they drive the TUI through a
#   Unix pty (portable-pty); Wine gives a console program no real console.
# - store_signals, hostile_inputs: Unix signals and Unix file types (FIFOs,
#   devices, permission bits); `#![cfg(unix)]`, nothing to run on Windows.
# - flow, snapshots and the other TestBackend suites: pure app state and
#   rendering, the same code on every platform, already run on Linux.
# - export_docx's LibreOffice checks: no soffice.exe in the Wine prefix; they
#   say so and skip, as on a machine without LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/../.."

TARGET=x86_64-pc-windows-gnu
WINE=${WINE:-/usr/lib/wine/wine64}
[ -x "$WINE" ] || WINE=$(command -v wine64 || command -v wine)

# Test binaries: the suites that need neither a terminal nor Unix.
SUITES=(platform store_save store_open store_recovery store_crash cli_check cli_new
        export export_xlsx_live schema derive_figures interchange import_layouts
        review synthetic bad_files)
args=(--locked --target "$TARGET" --lib)
# WINE_SUITES="platform store_save" runs just those (no unit tests).
if [ -n "${WINE_SUITES:-}" ]; then
  read -ra SUITES <<<"$WINE_SUITES"
  args=(--locked --target "$TARGET")
fi
for suite in "${SUITES[@]}"; do args+=(--test "$suite"); done

# Line tables only: full debug info makes each Windows test exe ~140 MB and
# the mingw linker the slowest step.
export CARGO_PROFILE_DEV_DEBUG=line-tables-only
cargo test "${args[@]}" --no-run

# Test set-up only, never shipped: Wine 8 lacks ProcessPrng (see the C file).
out="target/$TARGET/debug"
x86_64-w64-mingw32-gcc -shared -O2 -o "$out/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c -ladvapi32
cp "$out/bcryptprimitives.dll" "$out/deps/"

WINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-wine.XXXXXX")
export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
trap 'timeout 20 "${WINE%64}server" -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
# A console program needs no display: no X server, no xvfb.
unset DISPLAY
timeout 180 "$WINE" wineboot --init >/dev/null 2>&1

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="timeout 600 $WINE"
# The short crash test: 25 kills (TerminateProcess) during saves.
cargo test "${args[@]}" --no-fail-fast
