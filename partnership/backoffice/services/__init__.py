"""The back office's writes: access grants, the call log, customer search (audited and
rate-limited), marketing exports and the actions on data-rights requests."""
