"""Legal logging: every call to the gateway, answered, refused or faulted, kept for accountability."""
