"""What an editor changed on a candidate before approving it (the review
page's correction form). ``approve_candidate`` applies them: the incident is
created with the editor's values and recorded as the editor's act, a changed
figure becomes an editor's toll revision beside the machine's, and the
candidate keeps the machine's proposal and lists what was corrected."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Corrections:
    # Incident fields (see services.EDITABLE_FIELDS) the editor changed.
    fields: dict = field(default_factory=dict)
    # The editor's actors and roles, [(actor, role), ...]; None: the machine's.
    actor_roles: list | None = None
    # The editor's figure (killed, qualifier, killed_min, killed_max, wounded); None: unchanged.
    figures: dict | None = None
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.fields or self.actor_roles is not None or self.figures)

    def names(self) -> list[str]:
        """What was corrected, in the order an editor reads a proposal."""
        order = [
            "date",
            "date_precision",
            "place",
            "location",
            "geo_precision",
            "sub_event_type",
            "civilian_targeting",
        ]
        names = [name for name in order if name in self.fields]
        if self.actor_roles is not None:
            names.append("actors")
        if self.figures:
            names.append("toll")
        return names
