"""The institutional ecosystem: actors, their links, the map's layout and the network analysis."""
