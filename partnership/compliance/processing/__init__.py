"""The record of processing activities (UK GDPR Art. 30), generated from the registries."""
