"""Value-chain coverage: which instruments act at each stage, with what budget, readiness and value role.

IIP is government action in the post-research stages (brief 000, figure 1), so a designer must see,
stage by stage, where instruments act and where nothing does. The rules, in one place:

- Span: workbench.value_chain.spans (by stage position; a reversed pair means the stages between them).
  An instrument with no stage is "not placed on the value chain" and covers nothing.
- Budget: an instrument's budget is shared equally among the stages it spans (the model holds no
  finer split), so the stage budgets add up to the budget of the placed instruments.
- Readiness: a TRL (1-9) or MRL (1-10) level inside no instrument's range is uncovered; a range
  with one end given is that one level (workbench.value_chain.readiness.level_range).
- Prototype to production (the "valley of death"): the stages from Prototype / demonstration to
  Production. They are found by the default stage ids (stage-2, stage-3), which survive renaming,
  else by name ("prototyp"/"demonstrat", "production"). Named when a stage there has no instrument
  ("gap") or only one ("thin"); the finding also says whether any instrument spans both ends.
- Value balance: "both" counts on each side. A stage where one side has instruments and the other
  none is an imbalance, said in words.
- Capabilities: a current level below the required one is a gap; a potential level below the required
  one is a finding of its own, since no instrument at home can be planned to close it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.document import Document
from workbench.spheres.budgets import net_costs
from workbench.spheres.items import Instrument, Item, ValueRole
from workbench.value_chain.entities import Capability, ValueChainStage
from workbench.value_chain.readiness import level_range
from workbench.value_chain.spans import Span, span_of
from workbench.value_chain.stage_order import ordered, stage_index

THIN = 1  # a prototype-to-production stage with this many instruments or fewer is thin
TRL_TOP = int(Instrument.specs()["trl_max"].maximum or 9)
MRL_TOP = int(Instrument.specs()["mrl_max"].maximum or 10)
ROLES = tuple(r.value for r in ValueRole)
PROTOTYPE = ("stage-2", ("prototyp", "demonstrat"))
PRODUCTION = ("stage-3", ("production",))
BUDGET_RULE = (
    "An instrument's net cost to the public sector (all of a grant, the expected loss of a loan) is shared "
    "equally among the stages it spans."
)


@dataclass
class RoleShare:
    count: int = 0
    budget: float = 0.0


@dataclass
class StageCoverage:
    stage: ValueChainStage
    index: int
    ids: list[str] = field(default_factory=list)
    budget: float = 0.0
    without_budget: int = 0
    roles: dict[str, RoleShare] = field(default_factory=lambda: {r: RoleShare() for r in ROLES})

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def creating(self) -> int:
        return self.roles["creation"].count + self.roles["both"].count

    @property
    def capturing(self) -> int:
        return self.roles["capture"].count + self.roles["both"].count

    @property
    def lean(self) -> str:
        """'none', 'creation' (nothing captures), 'capture' (nothing creates) or 'balanced'."""
        if not self.count:
            return "none"
        if not self.capturing:
            return "creation"
        if not self.creating:
            return "capture"
        return "balanced"


@dataclass(frozen=True)
class Finding:
    kind: str  # prototype_to_production, uncovered_stage, not_placed, uncovered_trl, uncovered_mrl, ...
    text: str
    stage_ids: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()  # the instruments (or capabilities) the finding is about

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "stage_ids": list(self.stage_ids), "ids": list(self.ids)}


@dataclass(frozen=True)
class Valley:
    """The prototype-to-production stretch; `status` is gap, thin, covered or not_found."""

    status: str
    stage_ids: tuple[str, ...]
    bridging_ids: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class CapabilityGap:
    capability: Capability
    span: Span | None  # the stages its linked instruments cover together

    def as_json(self) -> dict:
        c = self.capability
        return {
            "id": c.id,
            "name": c.name,
            "current": c.current,
            "required": c.required,
            "potential": c.potential,
            "gap": c.gap,
            "potential_below_required": c.below_required,
            "confidence": c.confidence,
            "instrument_ids": sorted(c.instrument_ids),
        }


@dataclass
class ValueChainAnalysis:
    stages: list[StageCoverage]
    spans: dict[str, Span]  # placed instrument id -> first and last stage index
    not_placed: list[str]
    trl_counts: list[int]  # instruments supporting TRL 1..9 (index 0 is level 1)
    mrl_counts: list[int]
    trl_not_given: list[str]
    mrl_not_given: list[str]
    valley: Valley
    capabilities: list[CapabilityGap]
    balance_text: str
    findings: list[Finding]

    @property
    def uncovered_stage_ids(self) -> list[str]:
        return [s.stage.id for s in self.stages if not s.count]

    @property
    def uncovered_trl(self) -> list[int]:
        return [n for n, c in enumerate(self.trl_counts, start=1) if not c]

    @property
    def uncovered_mrl(self) -> list[int]:
        return [n for n, c in enumerate(self.mrl_counts, start=1) if not c]

    def as_json(self) -> dict:
        return {
            "budget_rule": BUDGET_RULE,
            "stages": [
                {
                    "id": s.stage.id,
                    "name": s.stage.name,
                    "position": s.stage.position,
                    "count": s.count,
                    "ids": sorted(s.ids),
                    "budget": round(s.budget, 6),
                    "instruments_without_budget": s.without_budget,
                    "value": {r: {"count": v.count, "budget": round(v.budget, 6)} for r, v in s.roles.items()},
                    "lean": s.lean,
                }
                for s in self.stages
            ],
            "uncovered_stages": self.uncovered_stage_ids,
            "not_placed": sorted(self.not_placed),
            "uncovered_trl": self.uncovered_trl,
            "uncovered_mrl": self.uncovered_mrl,
            "trl_counts": {str(n): c for n, c in enumerate(self.trl_counts, start=1)},
            "mrl_counts": {str(n): c for n, c in enumerate(self.mrl_counts, start=1)},
            "trl_not_given": sorted(self.trl_not_given),
            "mrl_not_given": sorted(self.mrl_not_given),
            "prototype_to_production": {
                "status": self.valley.status,
                "stage_ids": list(self.valley.stage_ids),
                "bridging_ids": sorted(self.valley.bridging_ids),
                "text": self.valley.text,
            },
            "value_balance": {
                "stages": [
                    {"stage_id": s.stage.id, "creating": s.creating, "capturing": s.capturing, "lean": s.lean}
                    for s in self.stages
                ],
                "text": self.balance_text,
                "imbalances": [f.text for f in self.findings if f.kind == "value_imbalance"],
            },
            "capability_gaps": [c.as_json() for c in self.capabilities if (c.capability.gap or 0) > 0],
            "findings": [f.as_json() for f in self.findings],
        }


def analyse_value_chain(doc: Document) -> ValueChainAnalysis:
    order = ordered(doc.all(ValueChainStage))
    index = stage_index(order)
    names = {i.id: i.name for i in doc.all(Item)}
    stages = [StageCoverage(s, n) for n, s in enumerate(order)]
    spans: dict[str, Span] = {}
    not_placed: list[str] = []
    trl_steps = [0] * (TRL_TOP + 2)
    mrl_steps = [0] * (MRL_TOP + 2)
    trl_not_given: list[str] = []
    mrl_not_given: list[str] = []
    money = net_costs(doc)  # the one figure that adds up across budget types
    for inst in sorted(doc.all(Instrument), key=lambda i: (names.get(i.id, "").casefold(), i.id)):
        _count_levels(inst, inst.trl_min, inst.trl_max, trl_steps, trl_not_given)
        _count_levels(inst, inst.mrl_min, inst.mrl_max, mrl_steps, mrl_not_given)
        span = span_of(inst, index)
        if span is None:
            not_placed.append(inst.id)
            continue
        spans[inst.id] = span
        budget = money[inst.id]
        share = None if budget is None else budget / (span[1] - span[0] + 1)
        for stage in stages[span[0] : span[1] + 1]:
            stage.ids.append(inst.id)
            role = stage.roles[inst.value_role]
            role.count += 1
            if share is None:
                stage.without_budget += 1
            else:
                stage.budget += share
                role.budget += share
    capabilities = [
        CapabilityGap(c, _union(spans.get(i) for i in c.instrument_ids))
        for c in sorted(doc.all(Capability), key=lambda c: (-(c.gap or 0), c.name.casefold(), c.id))
    ]
    analysis = ValueChainAnalysis(
        stages=stages,
        spans=spans,
        not_placed=not_placed,
        trl_counts=_running(trl_steps, TRL_TOP),
        mrl_counts=_running(mrl_steps, MRL_TOP),
        trl_not_given=trl_not_given,
        mrl_not_given=mrl_not_given,
        valley=_valley(stages, spans, names),
        capabilities=capabilities,
        balance_text=_balance_text(stages),
        findings=[],
    )
    analysis.findings = _findings(analysis, names)
    return analysis


def _count_levels(inst: Instrument, low: int | None, high: int | None, steps: list[int], missing: list[str]) -> None:
    """Add the instrument's levels to a difference array (one +1 and one -1, not one per level)."""
    ends = level_range(low, high)
    if ends is None:
        missing.append(inst.id)
        return
    steps[ends[0]] += 1
    steps[ends[1] + 1] -= 1


def _running(steps: list[int], top: int) -> list[int]:
    out, total = [], 0
    for level in range(1, top + 1):
        total += steps[level]
        out.append(total)
    return out


def _union(spans) -> Span | None:
    found = [s for s in spans if s is not None]
    return (min(s[0] for s in found), max(s[1] for s in found)) if found else None


def _find_stage(stages: list[StageCoverage], default_id: str, words: tuple[str, ...]) -> int | None:
    for s in stages:
        if s.stage.id == default_id:
            return s.index
    for s in stages:
        if any(w in s.stage.name.casefold() for w in words):
            return s.index
    return None


def _valley(stages: list[StageCoverage], spans: dict[str, Span], names: dict[str, str]) -> Valley:
    proto, prod = _find_stage(stages, *PROTOTYPE), _find_stage(stages, *PRODUCTION)
    if proto is None or prod is None:
        return Valley("not_found", (), (), "No stage is recognised as prototype/demonstration or as production, "
                      "so the prototype-to-production gap cannot be checked.")  # fmt: skip
    low, high = min(proto, prod), max(proto, prod)
    stretch = stages[low : high + 1]
    bridging = tuple(sorted(i for i, (a, b) in spans.items() if a <= low and b >= high))
    empty = [s for s in stretch if not s.count]
    thin = [s for s in stretch if 0 < s.count <= THIN]
    ids = tuple(s.stage.id for s in stretch)
    where = f"between {stages[proto].stage.name} and {stages[prod].stage.name}"
    across = (
        f"{_count(len(bridging), 'instrument')} {'spans' if len(bridging) == 1 else 'span'} both ends"
        if bridging
        else "no instrument spans both ends"
    )
    if empty:
        text = f"Prototype-to-production gap ('valley of death') {where}: no instrument supports " + _or(
            [s.stage.name for s in empty]
        )
        return Valley("gap", ids, bridging, f"{text}, and {across}.")
    if thin:
        parts = [f"{s.stage.name} has only '{names.get(s.ids[0], s.ids[0])}'" for s in thin]
        text = f"Prototype-to-production gap ('valley of death') {where} is thinly covered: " + "; ".join(parts)
        return Valley("thin", ids, bridging, f"{text}; {across}.")
    fewest = min(s.count for s in stretch)
    return Valley("covered", ids, bridging, f"The stages {where} each have at least {fewest} instruments; {across}.")


def _balance_text(stages: list[StageCoverage]) -> str:
    totals = {r: sum(s.roles[r].budget for s in stages) for r in ROLES}
    whole = sum(totals.values())
    if not whole:
        return (
            "No placed instrument has a known net cost, so the balance of value creation and capture cannot be weighed."
        )
    c, k, b = (round(100 * totals[r] / whole) for r in ROLES)
    return (
        f"Of the net cost placed on the value chain, {c}% goes to creating value, {k}% to capturing it "
        f"and {b}% to instruments that do both."
    )


def _findings(a: ValueChainAnalysis, names: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    if a.valley.status in ("gap", "thin"):
        stretch = set(a.valley.stage_ids)
        ids = sorted({i for s in a.stages if s.stage.id in stretch for i in s.ids})
        out.append(Finding("prototype_to_production", a.valley.text, a.valley.stage_ids, tuple(ids)))
    for s in a.stages:
        if not s.count:
            out.append(Finding("uncovered_stage", f"No instrument acts at {s.stage.name}.", (s.stage.id,)))
    if a.not_placed:
        listed = _list([names.get(i, i) for i in a.not_placed])
        verb = "is" if len(a.not_placed) == 1 else "are"
        out.append(
            Finding(
                "not_placed",
                _sentence(f"{_count(len(a.not_placed), 'instrument')} {verb} not placed on the value chain: {listed}."),
                ids=tuple(a.not_placed),
            )
        )
    for key, label, levels in (("uncovered_trl", "TRL", a.uncovered_trl), ("uncovered_mrl", "MRL", a.uncovered_mrl)):
        if levels:
            out.append(Finding(key, f"No instrument supports {label} {_levels(levels)}."))
    for s in a.stages:
        if s.lean == "creation":
            n = s.creating
            verb = "creates" if n == 1 else "create"
            text = f"At {s.stage.name}, {_count(n, 'instrument')} {verb} value but none captures it."
            out.append(Finding("value_imbalance", text, (s.stage.id,), tuple(s.ids)))
        elif s.lean == "capture":
            n = s.capturing
            verb = "captures" if n == 1 else "capture"
            text = f"At {s.stage.name}, {_count(n, 'instrument')} {verb} value but none creates it."
            out.append(Finding("value_imbalance", text, (s.stage.id,), tuple(s.ids)))
    for gap in a.capabilities:
        c = gap.capability
        if not c.gap:
            continue
        linked = len(c.instrument_ids)
        tail = f"{_count(linked, 'linked instrument')}" if linked else "no instrument is linked to it"
        text = (
            f"Capability '{c.name}' is {_count(c.gap, 'level')} short of what is required "
            f"(current {c.current}, required {c.required}); {tail}."
        )
        out.append(Finding("capability_gap", text, ids=(c.id,)))
    for gap in a.capabilities:
        c = gap.capability
        if c.below_required:
            text = (
                f"Capability '{c.name}' can reach at most level {c.potential} at home but level {c.required} is "
                "required: plan how the rest is met (partners abroad, imports) or revise what is required."
            )
            out.append(Finding("potential_below_required", text, ids=(c.id,)))
    return out


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(n: int, noun: str) -> str:
    return f"{'one' if n == 1 else n} {noun}{'' if n == 1 else 's'}"


def _list(words: list[str], limit: int = 5) -> str:
    shown = [f"'{w}'" for w in words[:limit]]
    if len(words) > limit:
        shown.append(f"{len(words) - limit} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _levels(levels: list[int]) -> str:
    """[1, 2, 3, 8] -> '1–3 and 8': runs of levels, as a person would write them."""
    runs: list[list[int]] = []
    for n in levels:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
