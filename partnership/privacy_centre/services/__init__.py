"""Writes of the privacy centre, by sub-domain: ``marketing``, ``details``,
``policy_notice``. The models stay in ``accounts``."""
