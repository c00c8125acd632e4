from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and the developer's tools (seed_demo, seed_scale, benchmark, demo_code):
    nothing the application itself needs."""

    name = "demo"
    verbose_name = "Demo data and developer tools"
