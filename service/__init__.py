"""The Omni Channel Insights summary service.

Importing the package changes nothing in the process: entry points (`service.main`, the
`oci` command line) apply the offline environment defaults of `service.offline` first.
"""
