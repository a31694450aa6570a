"""The ecosystem map: actors and links as a network, with its analysis in plain words."""
