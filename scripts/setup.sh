#!/usr/bin/env bash
# Installs what building, serving and testing the web app need, and only what
# is missing, so it is cheap to run every time. Works without a terminal or
# stdin (CI=true) and downloads only from package registries: crates.io
# (cargo install, cargo fetch), Debian (apt-get) and npm (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130 # must equal the =0.2.130 pin in Cargo.toml
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk)

# Where `cargo install` puts trunk and wasm-bindgen.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
say() { echo "setup: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# `make lint` (part of `make test`) runs rustfmt and clippy.
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        say "adding the $component component"
        rustup component add "$component"
    fi
done

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION from crates.io: about 15 minutes on 2 cores, once (the last minutes, linking, print nothing)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # Not --locked: its lock file pins webpki-roots 1.0.11, which the registry
    # these machines reach does not serve; unlocked it resolves to 1.0.10.
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io: about 6 minutes on 2 cores, once"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Trunk builds with `cargo --offline`; fetch the wasm32-only crates first.
cargo fetch --target wasm32-unknown-unknown --quiet

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
    say "installing ${missing[*]} from Debian: about 2 minutes, once"
    "${sudo[@]}" apt-get update -q </dev/null
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f tests/browser/node_modules/.package-lock.json ] \
    || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    say "installing the browser-test packages (npm ci): under a minute"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi
