"""Traffic simulator: a week of agent requests, transfers, canary, failovers and feedback."""
