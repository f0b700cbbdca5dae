"""The kit: small helpers every layer shares (time, ids, limits, domain errors, access checks).

Its base modules import nothing else of hr_app, so models can use them; `access` sits just above the models.
"""
