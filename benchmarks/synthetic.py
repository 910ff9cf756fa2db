"""Synthetic graphs of a chosen size for the view benchmark and the big-view test."""

from __future__ import annotations

import random

import networkx as nx


def big_view_graph(n_nodes: int, seed: int = 3) -> nx.MultiDiGraph:
    """A view-shaped graph: countries sending aid to each other, with tooltips like real ones."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        g.add_node(
            f"id/actor/{i}",
            label=f"Actor {i}",
            group=rng.choice(["Country", "Person", "Organization"]),
            title=f"Actor {i}\nCountry\nالفاعل {i}",
        )
    cats = ["Ammunition", "Missiles", "Food", "Energy", "FinancialAid"]
    for i in range(int(n_nodes * 1.2)):
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if a != b:
            cat = rng.choice(cats)
            g.add_edge(
                f"id/actor/{a}",
                f"id/actor/{b}",
                label=cat,
                category=cat,
                date="2025-01",
                width=1,
                articles=1,
                title=f"Actor {a} → Actor {b}: {cat}\n“quoted evidence {i}”",
            )
    return g
