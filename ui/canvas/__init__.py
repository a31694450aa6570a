"""What every canvas shares: the zoomable view, card items, image export and the section base."""
