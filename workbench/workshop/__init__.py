"""Workshop mode: sticky notes, dot voting, a timed agenda and board snapshots (pure domain)."""
