"""Reads `cargo metadata` JSON on stdin; fails when a dependency needs a newer
Rust than the crate's own `rust-version` (see check-msrv.sh)."""
import json
import sys


def ver(s):
    return tuple(int(x) for x in s.split("."))


def show(v):
    return ".".join(map(str, v))


meta = json.load(sys.stdin)
ours = next(p for p in meta["packages"] if p["name"] == "zhizao")
stated = ver(ours["rust_version"])
need = [(ver(p["rust_version"]), p["name"], p["version"])
        for p in meta["packages"] if p.get("rust_version")]
worst = max(need)
too_new = sorted(n for n in need if n[0] > stated)
for v, name, version in too_new:
    print(f"{name} {version} needs Rust {show(v)}", file=sys.stderr)
if too_new:
    sys.exit(f"Cargo.toml states rust-version {show(stated)}: raise it to {show(worst[0])}")
print(f"rust-version {show(stated)} covers every dependency "
      f"(highest: {worst[1]} {worst[2]} needs {show(worst[0])})")
