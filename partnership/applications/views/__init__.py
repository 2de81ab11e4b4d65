"""The application journey at /apply/. Every view works without JavaScript and without
cookies: with cookies the draft reference lives in the session and each step answers
with a redirect; without, every form carries the signed reference in a hidden field and
each POST answers with the next page itself (docs/applications.md).

``journey``: the start page and the steps; ``sending``: the declarations step sending
the application; ``decision``: the decision page and its signed reference; ``review``:
asking for a person to review the decision; ``step_page``: how a step is shown;
``common``: what they share."""
