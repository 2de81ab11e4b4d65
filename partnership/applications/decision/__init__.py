"""The explainable decision: rules over the application and the agency's report."""
