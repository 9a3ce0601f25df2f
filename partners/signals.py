"""Stale cached keys (partners.lookup) are dropped when a key or its partner
changes, once the change is committed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partners.lookup import forget
from partners.models import Partner, PartnerAPIKey


@receiver([post_save, post_delete], sender=PartnerAPIKey)
def key_changed(sender, instance, **kwargs):
    prefix = instance.prefix
    transaction.on_commit(lambda: forget([prefix]))


@receiver(post_save, sender=Partner)
def partner_changed(sender, instance, **kwargs):
    # Deleting a partner deletes its keys, and each key's deletion is seen above.
    prefixes = list(
        PartnerAPIKey.objects.filter(partner_id=instance.pk).values_list("prefix", flat=True)
    )
    transaction.on_commit(lambda: forget(prefixes))
