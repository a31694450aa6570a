"""A document's money and its options: totals by budget type and year, each option appraised against
business as usual, and the gaps each option would close if adopted.

Above workbench.money (pure arithmetic and the entities) because it reads the whole document and the
sphere and value-chain analyses.
"""
