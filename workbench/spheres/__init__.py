"""The spheres canvas: three overlapping policy spheres, the items on them and the regions they make."""
