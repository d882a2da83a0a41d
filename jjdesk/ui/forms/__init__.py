"""Data-entry forms: editors built from the services' FieldSpecs, and side-panel forms that save through services.

The widgets here never decide what is valid: every value goes through ``jjdesk.services.core.fields.parse_field``
(or the service's own checks on save), so a form, a paste and an import refuse exactly the same input.
"""
