"""Benchmark of the story map: chapter-change latency, first load, payload and memory.

Measured against two references started in the same run: a floor (the least a Streamlit
button can cost) and a naive baseline (a new folium map per chapter). Run `python -m bench`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
