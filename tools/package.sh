#!/usr/bin/env bash
# The release artefacts an officer downloads, into dist/:
#   jixiao-VERSION-windows-x86_64.zip    jixiao.exe + 使用说明.txt
#   jixiao-VERSION-linux-x86_64.tar.gz   a static (musl) binary + 使用说明.txt
#   jixiao_VERSION_amd64.deb             the static binary, for UOS / Kylin / Debian
#   jixiao_VERSION_arm64.deb             a static (musl) arm64 binary (UOS / Kylin on
#                                        Kunpeng, Phytium: glibc 2.28 there, so no glibc link)
# then a smoke run of each (`jixiao check` of the sample: Windows under Wine,
# arm64 under qemu-user when they are there) and their sizes.
#
# Prerequisites (a fresh Debian 12 clone needs them; as root the script
# installs them, otherwise it names what is missing):
#   Debian packages: gcc-mingw-w64-x86-64 gcc-aarch64-linux-gnu
#     libc6-dev-arm64-cross musl-tools zip dpkg-dev binutils-aarch64-linux-gnu
#     for the smoke runs only: wine64 qemu-user-static
#   musl-dev:arm64, unpacked into a temporary folder (not installed): its
#     headers let the cross gcc compile mimalloc's C for arm64 musl; apt
#     fetches it once the arm64 architecture is added (the script does that as
#     root: `dpkg --add-architecture arm64`)
#   Rust targets: x86_64-pc-windows-gnu x86_64-unknown-linux-musl
#     aarch64-unknown-linux-musl
# Usage: tools/package.sh [--no-smoke]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
smoke=1
[ "${1:-}" = --no-smoke ] && smoke=0

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dist="$root/dist"
packages=(gcc-mingw-w64-x86-64 gcc-aarch64-linux-gnu libc6-dev-arm64-cross musl-tools zip
          dpkg-dev binutils-aarch64-linux-gnu)
[ "$smoke" = 1 ] && packages+=(wine64 qemu-user-static)
targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)

# ---------------------------------------------------------------- prerequisites
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}"; } >/dev/null
  else
    echo "missing Debian packages: ${missing[*]} (apt-get install them as root)" >&2
    exit 1
  fi
fi
rustup target add "${targets[@]}" >/dev/null

# musl's arm64 headers for the C in mimalloc: the cross gcc with musl's specs
# file, pointed at a private copy of musl-dev:arm64 (Debian ships its specs
# for the host's musl-gcc only).
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
musl_arm="$stage/musl-arm64"
mkdir -p "$musl_arm"
if ! (cd "$musl_arm" && apt-get download -q musl-dev:arm64 >/dev/null 2>&1); then
  if [ "$(id -u)" = 0 ]; then
    dpkg --add-architecture arm64
    apt-get update -q >/dev/null
    (cd "$musl_arm" && apt-get download -q musl-dev:arm64 >/dev/null)
  else
    echo "musl-dev:arm64 cannot be fetched: as root run 'dpkg --add-architecture arm64 && apt-get update'" >&2
    exit 1
  fi
fi
dpkg-deb -x "$musl_arm"/musl-dev_*_arm64.deb "$musl_arm/root"
sed -e "s#/usr/include/aarch64-linux-musl#$musl_arm/root/usr/include/aarch64-linux-musl#g" \
    -e "s#/usr/lib/aarch64-linux-musl#$musl_arm/root/usr/lib/aarch64-linux-musl#g" \
    "$musl_arm/root/usr/lib/aarch64-linux-musl/musl-gcc.specs" > "$musl_arm/musl.specs"
printf '#!/bin/sh\nexec aarch64-linux-gnu-gcc -specs=%s "$@"\n' "$musl_arm/musl.specs" > "$musl_arm/cc"
chmod +x "$musl_arm/cc"
export CC_aarch64_unknown_linux_musl="$musl_arm/cc"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc

# ---------------------------------------------------------------- build
for t in "${targets[@]}"; do
  echo "building $t"
  cargo build --release --locked --target "$t"
done
win="target/x86_64-pc-windows-gnu/release/jixiao.exe"
musl="target/x86_64-unknown-linux-musl/release/jixiao"
arm="target/aarch64-unknown-linux-musl/release/jixiao"

rm -rf "$dist"
mkdir -p "$dist"

# 使用说明 as UTF-8 with a byte-order mark and CRLF for Windows' Notepad.
guide="$root/tools/package/使用说明.txt"

# ---------------------------------------------------------------- Windows zip
mkdir "$stage/win"
x86_64-w64-mingw32-strip -o "$stage/win/jixiao.exe" "$win"
{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$guide"; } > "$stage/win/使用说明.txt"
(cd "$stage/win" && zip -q -X "$dist/jixiao-$version-windows-x86_64.zip" jixiao.exe 使用说明.txt)

# ---------------------------------------------------------------- static Linux binary
mkdir "$stage/linux/jixiao-$version" -p
strip -o "$stage/linux/jixiao-$version/jixiao" "$musl"
cp "$guide" "$stage/linux/jixiao-$version/使用说明.txt"
tar -C "$stage/linux" --owner=0 --group=0 -czf "$dist/jixiao-$version-linux-x86_64.tar.gz" \
  "jixiao-$version"

# ---------------------------------------------------------------- .deb
# deb ARCH BINARY STRIP DEPENDS
deb() {
  local arch=$1 binary=$2 strip_tool=$3 depends=$4
  local tree="$stage/deb-$arch"
  mkdir -p "$tree/DEBIAN" "$tree/usr/bin" "$tree/usr/share/doc/jixiao"
  "$strip_tool" -o "$tree/usr/bin/jixiao" "$binary"
  chmod 0755 "$tree/usr/bin/jixiao"
  cp "$guide" "$tree/usr/share/doc/jixiao/使用说明.txt"
  local size
  size=$(du -k -s "$tree/usr" | cut -f1)
  {
    echo "Package: jixiao"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: jixiao maintainers <jixiao@invalid>"
    echo "Installed-Size: $size"
    [ -n "$depends" ] && echo "Depends: $depends"
    echo "Section: utils"
    echo "Priority: optional"
    echo "Description: 部门整体支出绩效自评工作台 (terminal workbench)"
    echo " jixiao 绩效: enter the year's budget, final accounts, staffing and"
    echo " workload, score the bureau's indicators and export the report"
    echo " (docx, xlsx, csv, md; pdf through LibreOffice). Run 'jixiao' in a terminal."
  } > "$tree/DEBIAN/control"
  dpkg-deb --root-owner-group -Zxz --build "$tree" "$dist/jixiao_${version}_$arch.deb" >/dev/null
}
# Both packages carry static binaries: they run on any glibc (UOS 20 and
# Kylin V10 have 2.28; a glibc link on Debian 12 would need 2.34).
deb amd64 "$musl" strip ""
deb arm64 "$arm" aarch64-linux-gnu-strip ""
if aarch64-linux-gnu-readelf -l "$arm" | grep -q INTERP; then
  echo "the arm64 binary is not static" >&2
  exit 1
fi

# ---------------------------------------------------------------- smoke runs
sample="$root/assets/samples/xiashan-2023.json"
expect='总分: 94 / 100'
check_output() { # NAME OUTPUT
  if grep -q "$expect" <<<"$2"; then echo "smoke $1: ok ($expect)"; else
    echo "smoke $1: FAILED"; echo "$2" | tail -5; exit 1; fi
}
if [ "$smoke" = 1 ]; then
  out=$(mktemp -d "$stage/x.XXXX")
  tar -C "$out" -xzf "$dist/jixiao-$version-linux-x86_64.tar.gz"
  check_output linux-x86_64 "$("$out/jixiao-$version/jixiao" check "$sample")"
  dpkg-deb -x "$dist/jixiao_${version}_amd64.deb" "$out/amd64"
  check_output deb-amd64 "$("$out/amd64/usr/bin/jixiao" check "$sample")"
  dpkg-deb -x "$dist/jixiao_${version}_arm64.deb" "$out/arm64"
  if command -v qemu-aarch64-static >/dev/null; then
    check_output deb-arm64 "$(qemu-aarch64-static "$out/arm64/usr/bin/jixiao" check "$sample")"
  else
    echo "smoke deb-arm64: skipped (no qemu-aarch64-static)"
  fi
  if [ -x /usr/lib/wine/wine64 ]; then
    (cd "$out" && unzip -q "$dist/jixiao-$version-windows-x86_64.zip" -d win)
    # Wine 8 lacks ProcessPrng: the test-only stand-in goes beside the
    # unpacked exe here, never into the zip.
    x86_64-w64-mingw32-gcc -shared -O2 -o "$out/win/bcryptprimitives.dll" \
      "$root/.ci/wine/bcryptprimitives.c" -ladvapi32
    export WINEPREFIX="$out/wine" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
    timeout 180 /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1
    check_output windows "$(timeout 120 /usr/lib/wine/wine64 "$out/win/jixiao.exe" check "$sample")"
    timeout 20 /usr/lib/wine/wineserver -k 2>/dev/null || true
  else
    echo "smoke windows: skipped (no wine64)"
  fi
fi

echo "artefacts in dist/:"
for f in "$dist"/*; do printf '  %-40s %8s KiB\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1024 ))"; done
