"""The value-chain view: stages as columns, instruments as bars in the lane of their value role."""
