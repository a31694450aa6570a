"""What every canvas shares: the zoomable views, gestures (press, moves, release; Escape cancels),
card items, image export and the section mix-in."""
