"""What rotsim-plot draws and the derived metrics it computes: plain lists, no imports, so that
`rotsim-plot --list-metrics` and the supervising process need neither h5py nor matplotlib."""

FANS = [
    ("in_russia", "Soldiers in Russia", "soldiers"),
    ("n_deployed", "Soldiers at the front", "soldiers"),
    ("served", "Soldiers who have served in Russia (cumulative)", "soldiers"),
    ("killed", "Killed (cumulative)", "soldiers"),
    ("wounded", "Wounding events (cumulative)", "events"),
    ("captured", "Captured (cumulative)", "soldiers"),
]

# Where Russia's money went, bottom to top; soldiers' money is what was credited to them.
MONEY = [
    ("party_fund_usd", "party fund"),
    ("military_usd", "military"),
    ("elite_luxury_usd", "elite luxury"),
    ("food_usd", "food"),
    (("soldier_accounts_usd", "paid_to_soldiers_usd"), "soldiers"),
    ("family_compensation_usd", "families"),
    ("receivable_usd", "receivable (owed, unpaid)"),
]

# Not cumulative, or not stored: derived metrics, drawn when the file has what they need.
DERIVED_FANS = [
    ("casualties", "Casualties: killed in action + wounded + captured (cumulative)", "events"),
    ("accrued_per_month_usd", "Pay accrued per month (not cumulative)", "USD per month"),
]

# The derived metrics rotsim computes on read (engine/sim/derived.cpp): name, kind, units and the
# numpy formula over S (the /summary columns), T (the /timeseries datasets, runs x stored ticks)
# and t (/time/tick), all as floats. The formulas are evaluated as written, so that this list is
# also what docs/hdf5-schema.md shows; `rotsim summarize --list-metrics` prints the engine's list
# and a test checks that `rotsim-plot --list-metrics` prints the same.
DERIVED = [
    ("casualties", "summary", "events",
     'S["killed_in_action"] + S["wounded"] + S["captured"]'),
    ("killed_per_1000_served", "summary", "per 1000 soldiers",
     '1000 * S["killed"] / np.where(S["served"] > 0, S["served"], np.nan)'),
    ("usd_per_death", "summary", "USD per death",
     'S["accrued_usd"] / np.where(S["killed"] > 0, S["killed"], np.nan)'),
    ("casualties", "series", "events",
     'T["killed_in_action"] + T["wounded"] + T["captured"]'),
    ("killed_per_1000_served", "series", "per 1000 soldiers",
     '1000 * T["killed"] / np.where(T["served"] > 0, T["served"], np.nan)'),
    ("accrued_per_month_usd", "series", "USD per month",
     'np.diff(T["accrued_usd"], axis=1, prepend=0) / np.diff(t, prepend=-1) * 365 / 12'),
]

# The summary metrics a sweep's figures show unless --metrics names others: strength, losses, pay
# and where it went; every summary metric against every key would be 60 figures and more.
DEFAULT_SWEEP_METRICS = ["served", "peak_in_russia", "killed", "casualties",
                         "killed_per_1000_served", "accrued_usd", "usd_per_death",
                         "share_to_soldiers_and_families"]
