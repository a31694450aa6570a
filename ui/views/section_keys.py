"""Section keys without importing Qt, for the command line's help text."""

SECTION_KEYS = (
    "overview",
    "spheres",
    "value-chain",
    "ecosystem",
    "rationale",
    "objectives",
    "theory-of-change",
    "options",
    "indicators",
    "measurements",
    "experiments",
    "evaluation",
    "lessons",
    "risks",
    "checklists",
    "practices",
    "briefs",
    "workshop",
)
