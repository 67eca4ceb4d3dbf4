"""The articles about Hamas and Syria that the relations and ask tests ingest."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "hamas-syria-2022.txt"
ARTICLES = ROOT / "tests" / "data" / "relations"
DATED = [
    (SEED, "2022-10-19"),
    (ARTICLES / "hamas-leaves-damascus-2012-02.txt", "2012-02-25"),
    (ARTICLES / "syria-raids-hamas-offices-2012-11.txt", "2012-11-06"),
    (ARTICLES / "hezbollah-mediates-2022-06.txt", "2022-06-21"),
]
HAMAS, SYRIA = "PSEREBHMS", "SYRGOV"
