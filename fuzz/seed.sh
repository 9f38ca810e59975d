#!/usr/bin/env bash
# Seed the (git-ignored) fuzz corpora from the repository's own inputs.
# Usage: fuzz/seed.sh          (needs python3 and a built zhizao: cargo build)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
BIN=${ZHIZAO:-$ROOT/target/debug/zhizao}
mkdir -p corpus/questionnaire corpus/policy_pack corpus/whatif_set

# Questionnaires: the examples, the policy-test base, and 40 generated ones
# (a quarter deliberately broken: syntax errors, typos, "85%", inconsistencies…).
cp "$ROOT"/questionnaires/examples/*.yaml "$ROOT"/policies/tests/_base.yaml corpus/questionnaire/
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
"$BIN" sample --count 40 --seed 11 --out "$T" --invalid-share 0.25 > /dev/null
cp "$T"/*.yaml corpus/questionnaire/

# Policy packs: the real one, and one small pack per track cut from it.
cp "$ROOT"/policies/licheng-2016.yaml corpus/policy_pack/
python3 - "$ROOT/policies/licheng-2016.yaml" corpus/policy_pack <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().split("\n")
i = lines.index("tracks:")
head = "\n".join(l for l in lines[:i] if not l.lstrip().startswith("#"))
tracks, cur = [], None
for l in lines[i + 1:]:
    if l.startswith("  - id:"):
        if cur:
            tracks.append(cur)
        cur = [l]
    elif cur is not None:
        cur.append(l)
if cur:
    tracks.append(cur)
for n, t in enumerate(tracks):
    body = "\n".join(x for x in t if not x.lstrip().startswith("#"))
    open(f"{out}/track-{n:02d}.yaml", "w", encoding="utf-8").write(head + "\ntracks:\n" + body + "\n")
PY

# --set arguments, one per line.
cd corpus/whatif_set
printf 'equipment.key_equipment_cnc=130\n' > s1
printf 'robots.industrial_robots=3\ninformatization.systems=[erp, mes]\n' > s2
printf 'projects.demo_lines[0].investment_wan=250\nenterprise.name="新名称"\n' > s3
printf 'enterprise.data_year=2018\nenterprise.sector=electronics_it\nequipment.key_equipment_total=null\n' > s4
printf 'ecommerce.online_sales_wan=3000.5\nself_assessment.strategy={level: 3, next: part}\n' > s5
printf 'recognitions.tech_centers=[{kind: enterprise_tech_center, level: provincial, year: 2017}]\n' > s6
echo "seeded: $(ls ../questionnaire | wc -l) questionnaires, $(ls ../policy_pack | wc -l) packs, $(ls | wc -l) --set inputs"
