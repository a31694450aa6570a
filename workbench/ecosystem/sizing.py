"""The measures a map can size its actors by, with their names for people.

Apart from the analysis (analysis.py), which loads the graph libraries: the map names its choices
without waiting for them."""

from __future__ import annotations

METRICS = {
    "degree": "Links (number of partners)",
    "strength": "Link weight (sum of weights)",
    "betweenness": "Brokerage (betweenness)",
    "eigenvector": "Influence (eigenvector)",
}
