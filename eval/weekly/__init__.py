"""The weekly feedback report: KPIs from the warehouse, judge agreement, regression sets."""
