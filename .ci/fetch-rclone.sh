#!/usr/bin/env bash
# Fetches the newest rclone the project is tested on (Debian unstable's package) into
# .tools/rclone-<version>/, without installing anything system-wide and without adding unstable
# to the system's sources: apt-get gets a sources list, package lists and a cache of its own.
#
# The version is the root pom's rclone.version (the executor image pins the same one); the
# Debian revision is rclone.debian-revision. Prints the binary's path on the last line.
# Exits non-zero with a clear message when the package cannot be fetched or does not run.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "fetch-rclone: $*" >&2
  exit 1
}

property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | sed -n 1p
}

version="$(property rclone.version)"
revision="$(property rclone.debian-revision)"
[ -n "$version" ] && [ -n "$revision" ] ||
  fail "the root pom.xml names no rclone.version or rclone.debian-revision"
mirror="${SYNCPLAN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

target=".tools/rclone-$version"
binary="$target/usr/bin/rclone"
if [ -x "$binary" ] && "$binary" version 2>/dev/null | sed -n 1p | grep -qx "rclone v$version"; then
  echo "rclone $version already fetched"
  echo "$binary"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 ||
  fail "apt-get and dpkg-deb are needed to fetch rclone $version (a Debian or Ubuntu machine)"

apt_dir="$(pwd)/.tools/apt"
rm -rf "$apt_dir"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"
echo "deb $mirror unstable main" >"$apt_dir/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  # As root, apt drops to the _apt user, which cannot write into the project's folder.
  -o "APT::Sandbox::User=root"
)

echo "Fetching rclone $version-$revision from Debian unstable ($mirror)..."
apt-get "${apt_options[@]}" -qq update ||
  fail "cannot read Debian unstable's package lists from $mirror (network or mirror down?)"
(cd "$apt_dir/download" && apt-get "${apt_options[@]}" -qq download "rclone=$version-$revision") ||
  fail "cannot download the Debian package rclone=$version-$revision (is it still in unstable?)"

deb="$(ls "$apt_dir"/download/rclone_*.deb 2>/dev/null | sed -n 1p)"
[ -n "$deb" ] || fail "apt-get download left no rclone package in $apt_dir/download"
rm -rf "$target"
dpkg-deb -x "$deb" "$target"
rm -rf "$apt_dir"

"$binary" version 2>/dev/null | sed -n 1p | grep -qx "rclone v$version" ||
  fail "the fetched $binary does not run or is not rclone v$version"
echo "rclone $version fetched"
echo "$binary"
