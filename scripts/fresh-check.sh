#!/usr/bin/env bash
# `make fresh-check`: runs the README's test command (`make test`) the way a
# new machine would, so that nothing installed earlier can hide a missing
# install step (a green CI once hid one: issue 9).
#
# - a fresh clone of the committed HEAD (uncommitted changes are not in it),
#   in a temporary folder, with the shared/ folder beside it as CI has it;
# - an empty CARGO_HOME: no trunk, no wasm-bindgen, no downloaded crates;
#   Trunk's tool cache is empty too (XDG_CACHE_HOME);
# - the Rust toolchain stays (RUSTUP_HOME); cargo and rustc are taken from
#   the toolchain's own folder, not from ~/.cargo/bin, and only `rustup`
#   itself is linked in (setup.sh asks it about the wasm32 target);
# - CI=true, no standard input, a minimal environment.
#
# Prints the duration. The clone is removed when the check passes and kept
# (with its log) when it fails. About 30–40 minutes on 2 cores: Trunk and
# wasm-bindgen-cli compile from crates.io.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
toolchain=$(rustup show active-toolchain | cut -d' ' -f1)
toolchain_bin="$rustup_home/toolchains/$toolchain/bin"
[ -x "$toolchain_bin/cargo" ] || { echo "fresh-check: no cargo in $toolchain_bin" >&2; exit 2; }
shared=$(cd "$repo/.." && pwd)/shared
[ -d "$shared" ] || { echo "fresh-check: $shared is missing (the tests read ../shared)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-fresh.XXXXXX")
mkdir "$work/cargo-home" "$work/cache" "$work/bin"
ln -s "$(command -v rustup)" "$work/bin/rustup"
ln -s "$shared" "$work/shared"
git clone --quiet --no-local "$repo" "$work/gongkai"
log="$work/fresh-check.log"

echo "fresh-check: $(git -C "$work/gongkai" log -1 --format='%h %s')"
echo "fresh-check: running \`make test\` in $work/gongkai with an empty CARGO_HOME; log: $log"
start=$(date +%s)
set +e
(
    cd "$work/gongkai"
    env -i \
        HOME="$HOME" \
        PATH="$toolchain_bin:$work/cargo-home/bin:$work/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        CARGO_HOME="$work/cargo-home" \
        RUSTUP_HOME="$rustup_home" \
        RUSTUP_TOOLCHAIN="$toolchain" \
        XDG_CACHE_HOME="$work/cache" \
        LANG=C.UTF-8 \
        CI=true \
        make test </dev/null
) >"$log" 2>&1
rc=$?
set -e
took=$(($(date +%s) - start))
duration="$((took / 60)) min $((took % 60)) s"
if [ $rc -eq 0 ]; then
    tail -n 5 "$log"
    echo "fresh-check: PASSED in $duration"
    rm -rf "$work"
else
    tail -n 40 "$log"
    echo "fresh-check: FAILED (exit $rc) after $duration; the clone and its log are kept in $work"
fi
exit $rc
