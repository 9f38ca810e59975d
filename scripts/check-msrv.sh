#!/usr/bin/env bash
# The `rust-version` stated in Cargo.toml must be at least what every locked
# dependency declares, or a user on the stated toolchain cannot build.
# Only one toolchain is installed here, so this compares declarations.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --locked | python3 "$(dirname "$0")/check_msrv.py"
