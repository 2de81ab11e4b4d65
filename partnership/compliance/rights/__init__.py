"""Rights requests (UK GDPR Arts. 15-22): what a person asked of us, and its state.

The application journey creates automated-decision reviews (Art. 22 as amended by the
Data (Use and Access) Act 2025); the back office adds the statutory clock and screens.
"""
