# Sourced by scripts/serve and scripts/test: installs what is missing, and only that.
# Everything comes from crates.io or Debian's packages; nothing else is downloaded.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
TRUNK_VERSION=0.21.14

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
locked_version() {
  awk -v pkg="$1" '$0 == "name = \"" pkg "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# cargo_tool BINARY CRATE VERSION [extra cargo install args]
cargo_tool() {
  local bin="$1" crate="$2" version="$3"; shift 3
  if command -v "$bin" >/dev/null 2>&1 && "$bin" --version 2>/dev/null | grep -q " $version\b"; then
    return 0
  fi
  say "cargo install $crate --version $version (once; takes minutes)"
  cargo install "$crate" --version "$version" "$@"
}

setup_build() {
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  [ -f "$ROOT/Cargo.lock" ] || (cd "$ROOT" && cargo generate-lockfile)
  apt_install binaryen
  cargo_tool wasm-bindgen wasm-bindgen-cli "$(locked_version wasm-bindgen)"
  cargo_tool trunk trunk "$TRUNK_VERSION" --locked
}

setup_test() {
  setup_build
  apt_install chromium chromium-driver
  # Node.js may come from elsewhere than Debian (its own npm inside): install
  # Debian's only when the commands are missing.
  command -v node >/dev/null 2>&1 || apt_install nodejs
  command -v npm >/dev/null 2>&1 || apt_install npm
  command -v wasm-pack >/dev/null 2>&1 || { say "cargo install wasm-pack (once)"; cargo install wasm-pack; }
}
