"""Writes of the applications app (submission, the customer it creates, reviews)."""
