#!/usr/bin/env python3
"""A straightforward Python peer of `zhizao screen` (issue: parse at the speed
of the disk), so anyone can rerun the per-core comparison.

What it does per questionnaire, as a plain Python tool would:
  - parse the YAML with PyYAML's C loader (libyaml), the fastest PyYAML path;
  - compute eight indicators with exact Decimal arithmetic (unknown stays None);
  - evaluate eight monetary tracks of the 2016 Licheng notice with Decimal
    money and the city/district split: local-cnc-purchase 二(五)2,
    digital-workshop-award and smart-factory-award 二(三)3, tech-center-award
    二(四)3, and patent-, standard-, brand- and quality-award 三(二)2;
  - cut the district shares to the enterprise's retained new tax (五(五)
    closing paragraph) when it draws more than one district award;
  - write one CSV row per file.
It is a throughput peer, not a second engine: it skips validation, the
criteria, maturity and the other tracks, so its cost is a lower bound for
a Python tool doing zhizao's work.

Usage: peer.py DIR [--jobs N] [-o rows.csv]
"""
import argparse
import csv
import os
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from multiprocessing import Pool

import yaml

WAN = Decimal(10000)
FEN = Decimal("0.01")

PATENT_PRIZES = {
    "china_gold": 100000, "china_excellence": 80000, "china_design_gold": 60000,
    "provincial_special": 80000, "provincial_first": 60000, "provincial_second": 40000,
    "municipal_major": 60000, "municipal_first": 40000, "municipal_second": 20000,
}
STANDARDS = {"international_lead": 1000000, "international": 300000, "national": 200000,
             "industry": 150000, "local": 100000}
BRANDS = {"china_well_known_trademark": 500000, "china_famous_brand_product": 500000,
          "provincial_famous_brand_product": 50000, "provincial_famous_trademark": 50000}
QUALITY = {"fujian_quality_award": 500000, "quanzhou_quality_award": 300000}
TECH_CENTERS = {"national": 500000, "provincial": 200000, "municipal": 100000}


def dec(v):
    return None if v is None else Decimal(str(v))


def ratio(num, den):
    num, den = dec(num), dec(den)
    if num is None or den is None or den == 0:
        return None
    return num / den


def indicators(q):
    e, eq = q.get("enterprise") or {}, q.get("equipment") or {}
    robots = (q.get("robots") or {}).get("industrial_robots")
    density = ratio(robots, e.get("production_workers"))
    return {
        "cnc_ratio": ratio(eq.get("key_equipment_cnc"), eq.get("key_equipment_total")),
        "automation_rate": ratio(eq.get("key_processes_automated"), eq.get("key_processes_total")),
        "robot_density": None if density is None else density * WAN,
        "equipment_digitization_rate": ratio(eq.get("production_equipment_digital"),
                                             eq.get("production_equipment_total")),
        "networking_rate": ratio(eq.get("production_equipment_networked"),
                                 eq.get("production_equipment_digital")),
        "labor_productivity": ratio(e.get("industrial_output_wan"), e.get("employees")),
        "rd_intensity": ratio(e.get("rd_expense_wan"), e.get("main_revenue_wan")),
        "energy_intensity": ratio(e.get("energy_tce"), e.get("industrial_output_wan")),
    }


def split(amount, city_pct):
    """City share rounded to the fen, the district takes the remainder."""
    city = (amount * city_pct / 100).quantize(FEN, ROUND_HALF_EVEN)
    return city, amount - city


def cnc_purchase(q):
    p = q.get("purchases") or {}
    units, invoice = p.get("cnc_generation_units") or 0, dec(p.get("cnc_generation_invoice_ex_tax_wan"))
    if units < 1 or not invoice:
        return Decimal(0), Decimal(0), Decimal(0)
    base = invoice * WAN
    if units <= 10:
        return (Decimal(0), *split(base * Decimal("0.2"), 30))
    if units <= 50:
        return (Decimal(0), *split(min(base * Decimal("0.15"), Decimal(3000000)), 30))
    if units <= 100:
        province = base * Decimal("0.05")
        return (province, *split(min(base * Decimal("0.05"), Decimal(5000000)), 30))
    return Decimal(0), Decimal(0), Decimal(0)


def tally(items, table):
    return sum((Decimal(table.get(i, 0)) for i in items or []), Decimal(0))


def tracks(q):
    year = (q.get("enterprise") or {}).get("data_year")
    rec, ip = q.get("recognitions") or {}, q.get("ip_and_brands") or {}
    province, cnc_city, cnc_district = cnc_purchase(q)
    city = cnc_city
    city_up_to = Decimal(0)
    if rec.get("digital_workshop_year") == year:
        city_up_to += 500000
    if rec.get("smart_factory_year") == year:
        city_up_to += 1000000
    district = {
        "local-cnc-purchase": cnc_district,
        "tech-center-award": sum((Decimal(TECH_CENTERS.get(c.get("level"), 0))
                                  for c in rec.get("tech_centers") or [] if c.get("year") == year),
                                 Decimal(0)),
        "patent-award": tally(ip.get("patent_prizes"), PATENT_PRIZES)
        + Decimal(30000) * (ip.get("invention_patents_granted") or 0),
        "standard-award": tally(ip.get("standards"), STANDARDS),
        "brand-award": tally(ip.get("brand_titles"), BRANDS),
        "quality-award": tally(ip.get("quality_prizes"), QUALITY),
    }
    drawn = [v for v in district.values() if v > 0]
    total_district = sum(drawn, Decimal(0))
    cap = dec((q.get("enterprise") or {}).get("new_tax_district_retained_wan"))
    if len(drawn) > 1 and cap is not None:
        total_district = min(total_district, cap * WAN)
    return province, city, city + city_up_to, total_district


def assess(path):
    try:
        with open(path, "rb") as f:
            q = yaml.load(f, Loader=yaml.CLoader)
        ind = indicators(q)
        province, city_min, city_max, district = tracks(q)
        e = q.get("enterprise") or {}
        return [path, e.get("credit_code"), e.get("name"),
                *("" if v is None else f"{v:.4f}" for v in ind.values()),
                province, city_min, city_max, district, ""]
    except Exception as err:  # a peer accounts for every file, like zhizao
        return [path] + [""] * 14 + [f"rejected: {err}"]


def files(root):
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith((".yaml", ".yml")):
                yield os.path.join(d, n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("-o", "--output", default=os.devnull)
    a = ap.parse_args()
    paths = sorted(files(a.dir))
    with open(a.output, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["file", "credit_code", "name", "cnc_ratio", "automation_rate", "robot_density",
                    "equipment_digitization_rate", "networking_rate", "labor_productivity",
                    "rd_intensity", "energy_intensity", "province", "city_min", "city_max",
                    "district", "error"])
        if a.jobs > 1:
            with Pool(a.jobs) as pool:
                rows = pool.imap(assess, paths, chunksize=256)
                w.writerows(rows)
        else:
            w.writerows(map(assess, paths))
    print(f"{len(paths)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
