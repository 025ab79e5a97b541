"""The REST API for letters and the exemption library (routes in foi_cases/api/urls.py)."""
