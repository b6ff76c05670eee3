"""The Omni Channel Insights summary service.

Importing the package applies the offline environment defaults before any submodule
can import litellm (which otherwise fetches its price map over the network at import).
"""

from service.offline import apply_offline_defaults

apply_offline_defaults()
