"""The parties of one incident: actor roles from the cluster's sentences resolved to
catalogue actors (generic words by country, unknown groups kept by name), and ACLED's
default perpetrator when the text names none."""

from __future__ import annotations

from . import events
from .actors import ActorIndex, RoleMention, country_code_of_place
from .clustering import Cluster
from .text import fold
from .types import ExtractedIncident, IncidentActor


class Parties:
    """The actor catalogue, with its per-country generic actors looked up once."""

    def __init__(self, actor_index: ActorIndex):
        self.actor_index = actor_index
        by_key = {a.key: i for i, a in enumerate(self.actor_index.actors)}
        self._unidentified_by_country: dict[str, int] = {}
        self._state_by_country: dict[str, int] = {}
        for i, a in enumerate(self.actor_index.actors):
            code = self.actor_index.country_of[i]
            if a.kind == "unidentified" and code:
                self._unidentified_by_country[code] = i
            if a.kind == "state" and code and code not in self._state_by_country:
                self._state_by_country[code] = i
        self._actor_by_key = by_key

    def default_perpetrator(
        self, inc: ExtractedIncident, ev: events.EventClass, article_country: str | None
    ) -> None:
        """ACLED: an attack whose author is unknown is "Unidentified Armed Group
        (country)" (not for an air strike, whose author is a state the text may not name)."""
        if (
            ev.event_type in ("Protests", "Riots")
            or ev.sub_event_type == "Air/drone strike"
            or any(a.role == "perpetrator" for a in inc.actors)
        ):
            return
        code = country_code_of_place(inc.country) or country_code_of_place(article_country)
        unknown = self._unidentified_by_country.get(code or "")
        if unknown is None:
            return
        a = self.actor_index.actors[unknown]
        same = next((x for x in inc.actors if x.key == a.key), None)
        if same is not None:
            same.role = "perpetrator"
        else:
            inc.actors.insert(0, IncidentActor(a.key, a.name, "perpetrator", None, False))

    def both_sides_in_one_sentence(self, cl: Cluster) -> bool:
        """One sentence of the cluster names a state force and a non-state armed group
        both as the authors of violence (explicitly)."""
        for f in cl.facts:
            kinds = {
                "state"
                if r.generic_state
                else ("rebel" if r.index is None else self.actor_index.actors[r.index].kind)
                for r in f.roles
                if r.role == "perpetrator" and r.explicit
            }
            if kinds & {"state", "foreign"} and kinds & {"rebel", "militia", "unidentified"}:
                return True
        return False

    def kind(self, key: str | None) -> str:
        if key is None:
            return "rebel"  # an armed group the catalogue lacks, kept by name
        idx = self._actor_by_key.get(key)
        return self.actor_index.actors[idx].kind if idx is not None else "unidentified"

    def actors(self, cl: Cluster, country: str | None) -> list[IncidentActor]:
        """The cluster's parties with one role each: each role mention resolved to an
        actor (``_actor_of``), one mention kept per actor (``_better``), then the
        parties an incident shows (``_parties``)."""
        code = country_code_of_place(country)
        chosen: dict[int | str, RoleMention] = {}
        order: list[int | str] = []
        for f in cl.facts:
            for r in f.roles:
                if r.role == "perpetrator" and f.background_cue and not cl.background:
                    # "Burkina has suffered attacks since 2015 ... attributed to IS": the
                    # group named as context is not the author of this attack (ACLED)
                    continue
                idx = self._actor_of(r, code)
                if idx is None:
                    continue
                prev = chosen.get(idx)
                if prev is None:
                    chosen[idx] = r
                    order.append(idx)
                elif self._better(r, prev, idx):
                    chosen[idx] = r
        return self._parties(chosen, order)

    def _actor_of(self, r: RoleMention, code: str | None) -> int | str | None:
        """The actor a role mention names: an unknown group by its folded written name;
        "the army" as the country's state force (none when the country is unknown); a
        generic word ("jihadists") as the country's Unidentified Armed Group."""
        if r.name is not None:
            return " ".join(fold(r.name).split())
        if r.generic_state:
            state = self._state_by_country.get(code or "", -1)
            return None if state < 0 else state
        idx = r.index if r.index is not None else -1
        a = self.actor_index.actors[idx]
        if a.kind == "unidentified" and not self.actor_index.country_of[idx]:
            resolved = self._unidentified_by_country.get(code or "")
            idx = resolved if resolved is not None else idx
        return idx

    def _better(self, r: RoleMention, prev: RoleMention, idx: int | str) -> bool:
        """Whether a later mention of the same actor gives its role better: an escort
        role stays; else an escort, a stated role over an inferred one, or an armed
        group stated as the perpetrator wins."""
        if prev.role == "escort":
            return False
        return (
            r.role == "escort"
            or (r.explicit and not prev.explicit)
            or (
                r.explicit
                and r.role == "perpetrator"
                and self._kind_of(idx) in ("rebel", "militia", "unidentified")
            )
        )

    def _parties(
        self, chosen: dict[int | str, RoleMention], order: list[int | str]
    ) -> list[IncidentActor]:
        """The incident's actors in the text's order. A named armed group as perpetrator
        replaces the generic unidentified one; a state or foreign force whose role the
        text does not state ("the army did not comment") is no party; an armed group the
        catalogue lacks is kept by its written name (key None)."""
        actors = self.actor_index.actors
        named_perp = any(
            self._kind_of(i) in ("rebel", "militia") and chosen[i].role == "perpetrator"
            for i in order
        )
        out: list[IncidentActor] = []
        for i in order:
            r = chosen[i]
            kind = self._kind_of(i)
            if named_perp and kind == "unidentified":
                continue
            if kind in ("state", "foreign") and not r.explicit:
                continue
            if isinstance(i, str):
                out.append(IncidentActor(None, r.name or r.span.text, r.role, r.span, r.explicit))
            else:
                a = actors[i]
                out.append(IncidentActor(a.key, a.name, r.role, r.span, r.explicit))
        return out

    def _kind_of(self, idx: int | str) -> str:
        """Kind of a catalogue actor by index; an unknown group (by name) is armed."""
        return "rebel" if isinstance(idx, str) else self.actor_index.actors[idx].kind
