"""The privacy engines keep no tables of their own: the apps that register with them
do (consent, compliance, policy and the apps to their right)."""
