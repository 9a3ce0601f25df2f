"""Writes. Admin views, API endpoints, tasks, imports and commands all call
these (keyword-only, atomic), so each rule and its bookkeeping — the toll,
the version check, the history of editorial acts, ``updated_at`` for partner
sync — lives in one place."""

from incidents.services.actors import save_actor
from incidents.services.incidents import (
    EDITABLE_FIELDS,
    EditConflict,
    change_status,
    check_version,
    create_incident,
    link_actor,
    publish_incident,
    replace_actor_links,
    retract_incident,
    set_actor_links,
    touch,
    unlink_actor,
    unpublish_incident,
    update_incident,
)
from incidents.services.merging import merge_incidents, undo_merge
from incidents.services.places import place_for_key
from incidents.services.sources import add_source, remove_source
from incidents.services.toll_revisions import (
    pin_toll_revision,
    record_toll_revision,
    refresh_current_toll,
    review_toll_revision,
    revisions_of,
)

__all__ = [
    "EDITABLE_FIELDS",
    "EditConflict",
    "add_source",
    "change_status",
    "check_version",
    "create_incident",
    "link_actor",
    "merge_incidents",
    "pin_toll_revision",
    "place_for_key",
    "publish_incident",
    "record_toll_revision",
    "refresh_current_toll",
    "remove_source",
    "replace_actor_links",
    "retract_incident",
    "review_toll_revision",
    "revisions_of",
    "save_actor",
    "set_actor_links",
    "touch",
    "undo_merge",
    "unlink_actor",
    "unpublish_incident",
    "update_incident",
]
