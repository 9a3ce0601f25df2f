"""Make toll revisions append-only in the database itself.

Whatever path writes to the table (admin, API, a shell, raw SQL), a revision's
figures, source and author cannot be changed and no revision can be deleted;
only its review fields (status, review note, reviewer) may change. History is
never lost.
"""

from django.db import migrations

IMMUTABLE_COLUMNS = [
    "incident_id", "killed", "killed_min", "killed_max", "qualifier", "wounded",
    "civilians_killed", "soldiers_killed", "militants_killed", "said_by", "article_id",
    "quote", "reported_at", "entry_kind", "entered_by_id", "reason", "created_at",
]

CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in IMMUTABLE_COLUMNS)

FORWARD = f"""
CREATE FUNCTION incidents_tollrevision_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'toll revisions are append-only: revision % cannot be deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF {CHANGED} THEN
        RAISE EXCEPTION 'toll revisions are append-only: the figures of revision % cannot change; add a new revision instead', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tollrevision_append_only
    BEFORE UPDATE OR DELETE ON incidents_tollrevision
    FOR EACH ROW EXECUTE FUNCTION incidents_tollrevision_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS tollrevision_append_only ON incidents_tollrevision;
DROP FUNCTION IF EXISTS incidents_tollrevision_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_event_taxonomy")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
