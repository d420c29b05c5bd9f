"""Checks rotsim-plot's output: every expected figure exists, is a valid PNG, and carries its title."""
import os
import struct
import sys
import zlib

EXPECTED = {
    "fan_in_russia.png": "Soldiers in Russia",
    "fan_n_deployed.png": "Soldiers at the front",
    "fan_served.png": "Soldiers who have served in Russia (cumulative)",
    "fan_killed.png": "Killed (cumulative)",
    "fan_wounded.png": "Wounding events (cumulative)",
    "fan_captured.png": "Captured (cumulative)",
    "money.png": "Where Russia's money went (mean over runs, cumulative)",
    # Derived metrics, computed from the stored series.
    "fan_casualties.png": "Casualties: killed in action + wounded + captured (cumulative)",
    "fan_accrued_per_month_usd.png": "Pay accrued per month (not cumulative)",
}


def png_text(path):
    """The tEXt chunks of a PNG, after checking its signature and every chunk's CRC."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    texts, pos, seen_end = {}, 8, False
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"{path}: bad CRC in {kind}"
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            assert width > 100 and height > 100, f"{path}: {width}x{height}"
        seen_end = kind == b"IEND"
        pos += 12 + length
    assert seen_end, f"{path}: truncated"
    return texts


out = sys.argv[1]
for name, title in EXPECTED.items():
    text = png_text(os.path.join(out, name))
    assert text.get("Title") == title, f"{name}: title {text.get('Title')!r}, expected {title!r}"
with open(os.path.join(out, "index.html"), encoding="utf-8") as page:
    html = page.read()
for name in EXPECTED:
    assert name in html, f"index.html does not show {name}"
assert "[casualties]" in html, "index.html does not show the scenario"
print("plots OK")
