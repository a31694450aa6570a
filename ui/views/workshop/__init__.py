"""The Workshop section: sticky notes and dot votes on the spheres, a timed agenda, board snapshots."""
