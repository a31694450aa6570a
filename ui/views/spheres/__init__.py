"""The spheres canvas: three overlapping policy spheres with the items placed on them."""
