"""Opens a rotsim run file with h5py alone and checks that every number the docs promise is there."""
import sys

import h5py
import numpy as np

STATES = ["pipeline", "russia_training", "deployed", "wounded", "transit_out", "home", "killed", "captured"]
SERIES = ["n_" + s for s in STATES] + [
    "in_russia", "dispatched", "served", "killed", "wounded", "captured", "died_of_wounds",
    "evacuated", "rotated_out", "accrued_usd", "paid_by_russia_usd", "receivable_usd",
    "soldier_accounts_usd", "paid_to_soldiers_usd", "family_compensation_usd", "party_fund_usd",
    "military_usd", "elite_luxury_usd", "food_usd"]
ACCOUNTS = SERIES[-8:]

with h5py.File(sys.argv[1], "r") as f:
    for key in ["scenario", "seed", "engine_version", "ticks", "start_date"]:
        assert key in f.attrs, f"missing root attribute {key}"
    assert "[casualties]" in f.attrs["scenario"]
    runs = f["runs/replication"].shape[0]
    ticks = int(f.attrs["ticks"])
    for name in SERIES:
        ds = f["timeseries/" + name]
        assert ds.shape == (runs, ticks), (name, ds.shape)
        assert ds.compression is not None, f"{name} is not compressed"
    total = sum(f["timeseries/" + a][:] for a in ACCOUNTS)
    assert np.allclose(total, f["timeseries/accrued_usd"][:], rtol=0, atol=1e-3), "ledger does not balance"
    heads = sum(f["timeseries/n_" + s][:] for s in STATES)
    assert (heads[:, 1:] >= heads[:, :-1]).all(), "head count fell"
    for name in ["served", "killed", "accrued_usd", "party_fund_usd"]:
        assert f["summary/" + name].shape == (runs,), name
    assert f["runs/seed"].shape == (runs,)
    assert "agents" in f and f["agents/id"].shape[0] > 10000
print("h5py OK")
