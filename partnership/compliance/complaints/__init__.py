"""The electronic complaints channel (``/complaints/``): form, record, inventory entry."""
