"""The process registers of report 001: objectives, experiments, evaluations and lessons."""
